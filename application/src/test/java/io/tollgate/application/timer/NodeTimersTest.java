package io.tollgate.application.timer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.port.in.InspectTimers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeTimersTest {

    private static InspectTimers.Timer timer(String name) {
        return NodeTimers.timers().timers().stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void counts_runs_errors_and_waiting_tasks_until_the_scheduler_shuts_down() throws Exception {
        ScheduledExecutorService scheduler = NodeTimers.scheduler("node-timers-test");
        CountDownLatch ran = new CountDownLatch(1);
        scheduler.execute(ran::countDown);
        scheduler.schedule(
                () -> {
                    throw new IllegalStateException("boom");
                },
                0,
                TimeUnit.MILLISECONDS);
        scheduler.schedule(() -> {}, 1, TimeUnit.HOURS);
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            InspectTimers.Timer timer = timer("node-timers-test");
            assertThat(timer.runs()).isEqualTo(2);
            assertThat(timer.finish()).isEqualTo(1);
            assertThat(timer.lastError()).isEqualTo("java.lang.IllegalStateException: boom");
        });
        assertThat(NodeTimers.timers().waiting()).isPositive();
        assertThat(Thread.getAllStackTraces().keySet())
                .anySatisfy(t -> assertThat(t.getName()).isEqualTo("node-timers-test"));

        scheduler.shutdownNow();
        assertThat(scheduler.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        assertThat(NodeTimers.timers().timers()).noneMatch(t -> t.name().equals("node-timers-test"));
    }
}
