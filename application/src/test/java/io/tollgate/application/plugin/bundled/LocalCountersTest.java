package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.plugin.spi.CounterKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The {@code local} policy's counters: exact under concurrency, ended windows swept, bounded. */
class LocalCountersTest {

    final AtomicLong now = new AtomicLong(60_000);

    static CounterKey key(String identifier, long start) {
        return new CounterKey(null, null, identifier, "minute", start, start + 60_000);
    }

    @Test
    void concurrent_requests_never_pass_the_limit_together() throws Exception {
        LocalCounters counters = new LocalCounters(1000, now::get);
        CounterKey[] keys = {key("a", 60_000), new CounterKey(null, null, "a", "hour", 0, 3_600_000)};
        double[] limits = {100, 1000};
        AtomicLong passed = new AtomicLong();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < 500; i++) {
                        long[] before = counters.acquire(keys, limits, now.get());
                        if (before[0] < limits[0] && before[1] < limits[1]) {
                            passed.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        assertThat(passed.get()).isEqualTo(100);
        assertThat(counters.acquire(keys, limits, now.get())).containsExactly(100, 100);
    }

    @Test
    void ended_windows_are_swept_in_the_background() {
        LocalCounters counters = new LocalCounters(1000, now::get);
        for (int i = 0; i < 50; i++) {
            counters.acquire(new CounterKey[] {key("client-" + i, 60_000)}, new double[] {5}, now.get());
        }
        assertThat(counters.size()).isEqualTo(50);
        now.set(120_000); // the minute ended
        // new counters start the sweep (at most one at a time): keep arriving until it has run
        AtomicLong late = new AtomicLong();
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            counters.acquire(
                    new CounterKey[] {key("late-" + late.incrementAndGet(), 120_000)}, new double[] {5}, now.get());
            return counters.size() == late.get();
        });
    }

    @Test
    void past_its_capacity_a_new_identifier_passes_uncounted() {
        LocalCounters counters = new LocalCounters(3, now::get);
        for (int i = 0; i < 3; i++) {
            counters.acquire(new CounterKey[] {key("client-" + i, 60_000)}, new double[] {1}, now.get());
        }
        CounterKey[] extra = {key("extra", 60_000)};
        for (int i = 0; i < 3; i++) {
            assertThat(counters.acquire(extra, new double[] {1}, now.get())).containsExactly(0);
        }
        assertThat(counters.size()).isEqualTo(3);
    }
}
