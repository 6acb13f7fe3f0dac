package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.keyAuth;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.entity.Entity;
import org.junit.jupiter.api.Test;

/**
 * The log is read in the order of its commit numbers as numbers: selected as text for the position, they must still
 * sort as numbers (as text, commit 10 sorts before 9, so a reader with a limit would skip 9 for good).
 */
class JooqEventLogOrderIT extends DatabaseIT {

    @Test
    void head_and_reads_follow_commit_numbers_across_a_digit_boundary() {
        Entity c = consumer("c", null);
        writes.insert(c);
        writes.insert(keyAuth("k", c));
        new LogHistory(db.dsl).acrossADigitBoundary(1, 2);

        assertThat(db.eventLog.head()).isEqualTo(new LogPosition(10, 2));
        assertThat(db.readAfter(LogPosition.START, 1))
                .extracting(LoggedEvent::position)
                .containsExactly(new LogPosition(9, 1));
        assertThat(db.readAfter(new LogPosition(9, 1), 1))
                .extracting(LoggedEvent::position)
                .containsExactly(new LogPosition(10, 2));
    }
}
