package io.tollgate.application.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeriodicTest {

    private final ScheduledExecutorService scheduler = NodeTimers.scheduler("periodic-test");
    private final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void atOnceRunsTheFirstTimeWithoutWaitingAPeriod() {
        Periodic periodic = new Periodic(scheduler, runs::incrementAndGet, true);
        assertThat(periodic.started()).isFalse();

        periodic.every(Duration.ofHours(1));

        assertThat(periodic.started()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() == 1);
    }

    @Test
    void aNewPeriodReplacesTheOldSchedule() {
        Periodic periodic = new Periodic(scheduler, runs::incrementAndGet, false);
        periodic.every(Duration.ofHours(1));

        periodic.every(Duration.ofMillis(10));

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        assertThat(scheduler.shutdownNow())
                .as("the 10 ms schedule at most (none while it runs): the hourly one was cancelled")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void aShutDownSchedulerRefuses() {
        Periodic periodic = new Periodic(scheduler, runs::incrementAndGet, false);
        scheduler.shutdown();

        assertThatThrownBy(() -> periodic.every(Duration.ofSeconds(1))).isInstanceOf(RejectedExecutionException.class);
    }
}
