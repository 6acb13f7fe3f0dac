package io.tollgate.domain.regex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.regex.PatternSyntaxException;
import org.junit.jupiter.api.Test;

/** Java's regex compile errors worded as Kong quotes PCRE2's. */
class PcreErrorsTest {

    private static String described(String source) {
        PatternSyntaxException e = catchThrowableOfType(PatternSyntaxException.class, () -> RegexPath.compile(source));
        assertThat(e).as(source).isNotNull();
        return PcreErrors.describe(source, e);
    }

    /** Kong's spec 01-unit/01-db/01-schema/06-routes_spec: "rejects regex paths that are not valid". */
    @Test
    void kong_spec_missing_closing_parenthesis() {
        assertThat(described("/users/(foo/profile"))
                .isEqualTo("PCRE returned: pcre2_compile() failed: missing closing parenthesis in"
                        + " \"/users/(foo/profile\"");
    }

    @Test
    void a_quantifier_after_nothing_repeatable_points_at_it() {
        assertThat(described("/echo/**/broken"))
                .isEqualTo("PCRE returned: pcre2_compile() failed: quantifier does not follow a repeatable item in"
                        + " \"/echo/**/broken\" at \"*/broken\"");
        assertThat(described("*a")).endsWith("quantifier does not follow a repeatable item in \"*a\" at \"*a\"");
    }

    @Test
    void class_and_parenthesis_mistakes() {
        assertThat(described("/foo[[["))
                .isEqualTo("PCRE returned: pcre2_compile() failed: missing terminating ] for character class in"
                        + " \"/foo[[[\"");
        assertThat(described("/a)b"))
                .isEqualTo("PCRE returned: pcre2_compile() failed: unmatched closing parenthesis in \"/a)b\" at"
                        + " \")b\"");
        assertThat(described("/[z-a]")).contains("range out of order in character class in \"/[z-a]\"");
        assertThat(described("/a{2,1}")).contains("numbers out of order in {} quantifier");
        assertThat(described("/(?z)")).contains("unrecognized character after (? or (?-");
        assertThat(described("/(?<x>a)(?<x>b)")).contains("two named subpatterns have the same name");
    }

    @Test
    void a_trailing_backslash_and_other_errors_in_pcres_shape() {
        assertThat(described("/a\\"))
                .isEqualTo("PCRE returned: pcre2_compile() failed: \\ at end of pattern in \"/a\\\"");
        assertThat(described("/\\p{Foo}")).startsWith("PCRE returned: pcre2_compile() failed: unknown property");
        assertThat(described("/a\\k"))
                .as("no PCRE2 counterpart: Java's description")
                .startsWith("PCRE returned: pcre2_compile() failed: \\k is not followed by '<'")
                .contains(" in \"/a\\k\"");
    }
}
