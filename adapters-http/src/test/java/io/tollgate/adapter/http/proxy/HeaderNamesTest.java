package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    @Test
    void sharesOneHttpStringPerNameAndUndertowsOwnForStandardNames() {
        HeaderNames names = new HeaderNames(8);
        HttpString first = names.get("X-RateLimit-Remaining-Minute");

        assertThat(names.get("X-RateLimit-Remaining-Minute")).isSameAs(first);
        assertThat(first).isEqualTo(new HttpString("x-ratelimit-remaining-minute")); // header names ignore case
        assertThat(names.get("Content-Type")).isSameAs(Headers.CONTENT_TYPE);
        assertThat(HeaderNames.of("X-Consumer-ID")).isSameAs(HeaderNames.of("X-Consumer-ID"));
    }

    @Test
    void convertsNamesPastItsCapacityWithoutKeepingThem() {
        HeaderNames names = new HeaderNames(3);
        for (int i = 0; i < 10; i++) {
            assertThat(names.get("X-Many-" + i).toString()).isEqualTo("X-Many-" + i);
        }
        HttpString late = names.get("X-Late-Name");

        assertThat(late.toString()).isEqualTo("X-Late-Name");
        assertThat(names.get("X-Late-Name")).isNotSameAs(late);
        assertThat(names.get("X-Many-0")).isSameAs(names.get("X-Many-0"));
    }
}
