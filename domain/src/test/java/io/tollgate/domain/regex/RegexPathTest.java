package io.tollgate.domain.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** Kong's route regexes in PCRE syntax (Python-style named groups, underscores in names) compile for Java. */
class RegexPathTest {

    private static Matcher matched(RegexPath path, String input) {
        Matcher m = path.pattern().matcher(input);
        assertThat(m.matches()).as(input).isTrue();
        return m;
    }

    @Test
    void python_style_named_groups_and_names_with_underscores_keep_their_names() {
        RegexPath path = RegexPath.compile("/users/(?P<user_id>\\d+)/(?<item>[a-z]+)/(?P<kind_2>x|y)");
        Matcher m = matched(path, "/users/42/book/y");
        assertThat(path.groups()).containsOnlyKeys("user_id", "item", "kind_2");
        assertThat(m.group(path.groups().get("user_id"))).isEqualTo("42");
        assertThat(m.group(path.groups().get("item"))).isEqualTo("book");
        assertThat(m.group(path.groups().get("kind_2"))).isEqualTo("y");
    }

    @Test
    void back_references_escapes_classes_and_lookbehinds_are_kept() {
        RegexPath path = RegexPath.compile("/(?P<w>[a-z]+)-(?P=w)/\\(\\?P<lit\\)[(?P<]*x(?<=x)");
        matched(path, "/ab-ab/(?P<lit)(?P<x");
        assertThat(path.pattern().matcher("/ab-ba/(?P<lit)x").matches())
                .as("back-reference")
                .isFalse();
        assertThat(path.groups()).containsOnlyKeys("w");
    }

    @Test
    void a_brace_that_starts_no_quantifier_is_a_literal_as_in_pcre() {
        matched(RegexPath.compile("/users/{id}/x{2}/{,3}/a{"), "/users/{id}/xx/{,3}/a{");
        matched(RegexPath.compile("/\\p{L}+/\\x{41}\\{b}"), "/été/A{b}");
        assertThat(RegexPath.compile("/x{2,3}").pattern().matcher("/x{2,3}").matches())
                .as("a quantifier stays one")
                .isFalse();
    }

    @Test
    void an_invalid_regex_still_fails() {
        assertThatThrownBy(() -> RegexPath.compile("/(?P<open")).isInstanceOf(PatternSyntaxException.class);
    }
}
