package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestTargetTest {

    @Test
    void malformed_at_is_zero_for_utf8_raw_or_escaped_and_the_first_bad_byte_otherwise() {
        assertThat(RequestTarget.malformedAt("corp_%20a")).isZero();
        assertThat(RequestTarget.malformedAt("%E5%86%86")).isZero();
        assertThat(RequestTarget.malformedAt("\u00E5\u0086\u0086")).isZero(); // raw 円, a byte per char
        assertThat(RequestTarget.malformedAt("100%")).isZero(); // not an escape: the byte '%'
        assertThat(RequestTarget.malformedAt("\u00FF")).isEqualTo(1);
        assertThat(RequestTarget.malformedAt("ab%FF")).isEqualTo(3);
        assertThat(RequestTarget.malformedAt("a%E5%86")).isEqualTo(2); // truncated sequence
    }
}
