package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code /status}'s database reachability: reused while fresh, never waited for longer than its bound. */
class ProbedReachabilityTest {

    final AtomicLong now = new AtomicLong(1_000_000);
    final AtomicInteger probes = new AtomicInteger();
    final AtomicBoolean up = new AtomicBoolean(true);

    @Test
    void a_fresh_answer_is_reused_and_a_stale_one_probed_again() {
        ProbedReachability health = new ProbedReachability(
                () -> {
                    probes.incrementAndGet();
                    return up.get();
                },
                now::get,
                1_000,
                5_000);
        assertThat(health.reachable()).isTrue();
        assertThat(health.reachable()).isTrue();
        assertThat(probes).as("fresh for a second").hasValue(1);
        up.set(false);
        now.addAndGet(1_000);
        assertThat(health.reachable()).isFalse();
        assertThat(probes).hasValue(2);
    }

    @Test
    void a_hanging_probe_answers_the_last_known_value_within_the_wait_then_its_own() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ProbedReachability health = new ProbedReachability(
                () -> {
                    probes.incrementAndGet();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return false;
                },
                now::get,
                1_000,
                50);
        assertThat(health.reachable()).as("last known, after at most the wait").isTrue();
        assertThat(health.reachable()).isTrue();
        assertThat(probes).as("one probe at a time").hasValue(1);
        release.countDown();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !health.reachable());
        assertThat(probes).hasValue(1);
    }
}
