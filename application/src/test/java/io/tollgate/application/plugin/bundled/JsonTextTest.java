package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    @Test
    void readsObjectsArraysNumbersStringsAndLiterals() {
        Object value =
                JsonText.parse(" {\"a\": [1, -2.5e1, true, false, null], \"s\": \"x\\\"\\u00e9\\n\", \"o\": {}} ");
        assertThat(value)
                .isEqualTo(Map.of("a", Arrays.asList(1L, -25.0, true, false, null), "s", "x\"\u00e9\n", "o", Map.of()));
        assertThat(JsonText.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "{\"a\":}", "[1,]", "01", "1.", "\"\\x\"", "tru", "{} x", "{a:1}")) {
            assertThatThrownBy(() -> JsonText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> JsonText.parse("[".repeat(100) + "]".repeat(100)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
