package io.tollgate.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogPositionTest {

    @Test
    void a_position_is_written_transaction_colon_event_and_read_back() {
        LogPosition position = new LogPosition(1234, 56);

        assertThat(position).hasToString("1234:56");
        assertThat(LogPosition.parse("1234:56")).isEqualTo(position);
        assertThat(LogPosition.parse("0:0")).isEqualTo(LogPosition.START);
    }

    @Test
    void transaction_ids_are_unsigned_64_bit_as_postgresql_xid8() {
        LogPosition high = LogPosition.parse("18446744073709551615:1");

        assertThat(high.commit()).isEqualTo(-1L);
        assertThat(high).hasToString("18446744073709551615:1");
    }

    @Test
    void anything_else_is_refused_with_the_expected_form() {
        for (String bad : new String[] {
            "",
            "12",
            "12:",
            ":3",
            "1:2:3",
            "-1:2",
            "+1:2",
            "1:-2",
            "a:b",
            " 1:2",
            "1.5:2",
            "99999999999999999999:1",
            "1:9999999999999999999"
        }) {
            assertThatThrownBy(() -> LogPosition.parse(bad))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("<commit number>:<event id>");
        }
    }
}
