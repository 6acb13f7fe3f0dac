package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HttpDatesTest {

    private static final Instant NOV_6_1994 = Instant.parse("1994-11-06T08:49:37Z");

    @Test
    void readsTheThreeFormatsNginxReads() {
        assertThat(HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT")).isEqualTo(NOV_6_1994);
        assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT")).isEqualTo(NOV_6_1994);
        assertThat(HttpDates.parse("Sun Nov  6 08:49:37 1994")).isEqualTo(NOV_6_1994);
        assertThat(HttpDates.parse(" Sun, 06 Nov 1994 08:49:37 GMT ")).isEqualTo(NOV_6_1994);
    }

    @Test
    void rfc850TwoDigitYearsBelow70AreThe2000s() {
        assertThat(HttpDates.parse("Saturday, 05-Dec-26 10:00:00 GMT"))
                .isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
        assertThat(HttpDates.parse("Friday, 05-Dec-75 10:00:00 GMT")).isEqualTo(Instant.parse("1975-12-05T10:00:00Z"));
    }

    @Test
    void anythingElseIsNoDate() {
        assertThat(HttpDates.parse("yesterday")).isNull();
        assertThat(HttpDates.parse("1994-11-06T08:49:37Z")).isNull();
        assertThat(HttpDates.parse("")).isNull();
    }
}
