package io.tollgate.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(1000);
    private final UUID consumer = UUID.randomUUID();

    @Test
    void hashes_are_salted_self_describing_and_verify_only_the_right_password() {
        String first = hasher.hash("s3cret");
        String second = hasher.hash("s3cret");
        assertThat(first)
                .startsWith("$pbkdf2-sha256$i=1000$")
                .doesNotContain("s3cret")
                .isNotEqualTo(second);
        assertThat(PasswordHasher.isHash(first)).isTrue();
        assertThat(hasher.matches(first, "s3cret", consumer)).isTrue();
        assertThat(hasher.matches(second, "s3cret", consumer)).isTrue();
        assertThat(hasher.matches(first, "s3cret!", consumer)).isFalse();
        assertThat(hasher.matches(first, "", consumer)).isFalse();
        assertThat(new PasswordHasher(5).matches(first, "s3cret", consumer))
                .as("cost is read from the hash")
                .isTrue();
    }

    @Test
    void the_default_cost_is_slow_enough() {
        assertThat(new PasswordHasher().hash("x"))
                .startsWith("$pbkdf2-sha256$i=" + PasswordHasher.DEFAULT_ITERATIONS + "$");
        assertThat(PasswordHasher.DEFAULT_ITERATIONS).isGreaterThanOrEqualTo(100_000);
        assertThatThrownBy(() -> new PasswordHasher(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recognises_and_verifies_kongs_sha1_hashes() throws Exception {
        String kong = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-1")
                        .digest(("pa55" + consumer).getBytes(StandardCharsets.UTF_8)));
        assertThat(PasswordHasher.isKongHash(kong)).isTrue();
        assertThat(PasswordHasher.isHash(kong)).isFalse();
        assertThat(hasher.matches(kong, "pa55", consumer)).isTrue();
        assertThat(hasher.matches(kong, "pa55", UUID.randomUUID())).isFalse();
        assertThat(hasher.matches(kong, "pa56", consumer)).isFalse();
    }

    @Test
    void anything_else_never_matches() {
        String good = hasher.hash("p");
        for (String stored : new String[] {
            "p",
            "",
            good.replace("i=1000", "i=0"),
            good.replace("i=1000", "i=999999999"),
            good.substring(0, good.length() - 4),
            "$pbkdf2-sha256$i=1$A$A"
        }) {
            assertThat(hasher.matches(stored, "p", consumer)).as(stored).isFalse();
        }
    }
}
