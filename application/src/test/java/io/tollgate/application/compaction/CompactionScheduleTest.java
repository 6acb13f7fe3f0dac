package io.tollgate.application.compaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.port.out.LogCompaction;
import io.tollgate.application.port.out.LogPosition;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CompactionScheduleTest {

    private final List<Duration> calls = new CopyOnWriteArrayList<>();
    private final LogCompaction compaction = retention -> {
        calls.add(retention);
        return new Compaction.UpToDate(LogPosition.START);
    };

    @Test
    void runs_every_retention_but_at_least_hourly() {
        assertThat(new CompactionSchedule(compaction, Duration.ofDays(30)).period())
                .isEqualTo(Duration.ofHours(1));
        assertThat(new CompactionSchedule(compaction, Duration.ofMinutes(5)).period())
                .isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void compacts_with_the_retention_on_its_own_thread() {
        try (var schedule = new CompactionSchedule(compaction, Duration.ofMillis(20))) {
            schedule.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() >= 2);
        }
        assertThat(calls).allMatch(Duration.ofMillis(20)::equals);
    }

    @Test
    void a_retention_of_zero_never_compacts() {
        try (var schedule = new CompactionSchedule(compaction, Duration.ZERO)) {
            assertThat(schedule.enabled()).isFalse();
            schedule.start();
            assertThatThrownBy(schedule::runOnce).isInstanceOf(IllegalStateException.class);
        }
        assertThat(calls).isEmpty();
    }

    @Test
    void describes_each_outcome_in_one_line() {
        LogPosition to = new LogPosition(812, 20_000);
        String folded = CompactionSchedule.describe(
                new Compaction.Folded(
                        LogPosition.START, to, 20_000, 20_000, 19_000, Duration.ofMillis(900), Duration.ofMillis(250)),
                Duration.ofDays(30));
        assertThat(folded)
                .contains("20000 event(s) older than 2592000 s folded", "19000 entities at " + to, "took 900 ms")
                .contains("held a transaction id for 250 ms");
        assertThat(CompactionSchedule.describe(new Compaction.Busy(), Duration.ofSeconds(1)))
                .contains("another node is compacting");
        assertThat(CompactionSchedule.describe(new Compaction.UpToDate(to), Duration.ofMillis(1500)))
                .contains("older than 1500 ms", "stays at " + to);
    }
}
