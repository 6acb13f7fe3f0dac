package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfTemplateTest {
    @TempDir
    Path dir;

    final List<String> warnings = new ArrayList<>();
    final String template = ConfTemplate.render("9.9.9");

    private TollgateConfig load(String text) throws IOException {
        Path file = Files.writeString(dir.resolve("tollgate.conf"), text);
        return new ConfigLoader(Map.of(), List.of(), warnings::add).load(file);
    }

    @Test
    void listsEveryPropertyOnceCommentedOutWithItsDefault() {
        List<String> settings =
                template.lines().filter(line -> line.matches("#[a-z0-9_]+ =.*")).toList();

        assertThat(settings)
                .containsExactlyElementsOf(Arrays.stream(Property.values())
                        .map(p -> "#" + p.key() + " ="
                                + p.defaultValue().map(v -> " " + v).orElse(""))
                        .toList());
        assertThat(template).startsWith("# Tollgate 9.9.9 configuration file");
    }

    @Test
    void asShippedTheFileChangesNothing() throws IOException {
        assertThat(load(template)).isEqualTo(TollgateConfig.defaults());
        assertThat(warnings).isEmpty();
    }

    @Test
    void everyLineUncommentedStillGivesTheDefaults() throws IOException {
        String uncommented = template.lines()
                .map(line -> line.matches("#[a-z0-9_]+ =.*") ? line.substring(1) : line)
                .reduce("", (a, b) -> a + b + "\n");

        assertThat(load(uncommented)).isEqualTo(TollgateConfig.defaults());
        assertThat(warnings).isEmpty();
    }

    @Test
    void everyPropertyIsDescribedAndLinesAreWrapped() {
        assertThat(Property.values())
                .allSatisfy(p -> assertThat(p.description()).isNotBlank());
        assertThat(template.lines().filter(line -> line.startsWith("# ") && line.length() > ConfTemplate.WIDTH))
                .isEmpty();
    }

    @Test
    void wrapBreaksBetweenWordsAndKeepsLongWordsWhole() {
        assertThat(ConfTemplate.wrap("aa bb cc dd", 5)).containsExactly("aa bb", "cc dd");
        assertThat(ConfTemplate.wrap("abcdefgh ij", 5)).containsExactly("abcdefgh", "ij");
    }
}
