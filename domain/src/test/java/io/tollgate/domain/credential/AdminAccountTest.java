package io.tollgate.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdminAccountTest {

    @Test
    void names_are_letters_digits_and_a_few_marks_without_a_colon() {
        assertThat(AdminAccount.validName("alice")).isTrue();
        assertThat(AdminAccount.validName("ops.bot-1_@corp")).isTrue();
        assertThat(AdminAccount.validName("a".repeat(64))).isTrue();
        assertThat(AdminAccount.validName("")).isFalse();
        assertThat(AdminAccount.validName("a".repeat(65))).isFalse();
        assertThat(AdminAccount.validName("al:ice")).isFalse();
        assertThat(AdminAccount.validName("al ice")).isFalse();
        assertThatThrownBy(() -> new AdminAccount("a:b", AdminAccount.Kind.TOKEN, "x", Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid admin account name 'a:b'");
    }

    @Test
    void kinds_round_trip_through_their_stored_form() {
        for (AdminAccount.Kind kind : AdminAccount.Kind.values()) {
            assertThat(AdminAccount.Kind.ofStored(kind.stored())).isEqualTo(kind);
        }
        assertThatThrownBy(() -> AdminAccount.Kind.ofStored("PASSWORD")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tokens_are_random_and_stored_as_their_sha256() {
        String one = AdminTokens.generate();
        String two = AdminTokens.generate();
        assertThat(one).hasSize(43).matches("[A-Za-z0-9_-]+").isNotEqualTo(two);
        assertThat(AdminTokens.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(AdminTokens.hash(one)).hasSize(64).isNotEqualTo(AdminTokens.hash(two));
    }
}
