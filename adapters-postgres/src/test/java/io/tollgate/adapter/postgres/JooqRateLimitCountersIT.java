package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.CounterKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The rate-limiting counters in {@code ratelimiting_metrics} on a real PostgreSQL: Kong's upsert semantics. */
class JooqRateLimitCountersIT extends DatabaseIT {

    static final long HOUR = 3_600_000;
    final UUID route = UUID.randomUUID();
    final UUID service = UUID.randomUUID();
    JooqRateLimitCounters counters;

    @BeforeEach
    void counters() {
        db.dsl.execute("TRUNCATE ratelimiting_metrics");
        counters = new JooqRateLimitCounters(db.dsl);
    }

    CounterKey key(String identifier, String period, long start, long end) {
        return new CounterKey(route, service, identifier, period, start, end);
    }

    @Test
    void increments_add_up_and_reads_see_them_zero_when_absent() {
        CounterKey minute = key("10.0.0.1", "minute", 1_764_720_000_123L - 123, 1_764_720_060_000L);
        CounterKey hour = key("10.0.0.1", "hour", 1_764_720_000_000L, 1_764_720_000_000L + HOUR);
        CounterKey other = new CounterKey(null, null, "consumer-x", "minute", minute.windowStart(), minute.windowEnd());
        assertThat(counters.addAndRead(Map.of(minute, 3L, hour, 3L), Set.of(other)))
                .containsEntry(minute, 3L)
                .containsEntry(hour, 3L)
                .containsEntry(other, 0L);
        assertThat(counters.addAndRead(Map.of(minute, 2L, other, 1L), Set.of(hour)))
                .containsEntry(minute, 5L)
                .containsEntry(hour, 3L)
                .containsEntry(other, 1L);
        Map<String, Object> row = db.dsl
                .fetchOne(
                        "SELECT identifier, period, period_date, service_id, route_id, value FROM ratelimiting_metrics"
                                + " WHERE period = 'minute' AND identifier = '10.0.0.1'")
                .intoMap();
        assertThat(row)
                .containsEntry("value", 5L)
                .containsEntry("service_id", service)
                .containsEntry("route_id", route);
        assertThat(db.dsl.fetchValue("SELECT route_id FROM ratelimiting_metrics WHERE identifier = 'consumer-x'"))
                .as("Kong's all-zero id for a missing route")
                .isEqualTo(CounterKey.NONE);
    }

    @Test
    void concurrent_batches_of_two_nodes_lose_no_increment() throws Exception {
        List<CounterKey> keys = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            keys.add(key("client-" + i, "hour", 0, HOUR));
        }
        try (ExecutorService nodes = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (int node = 0; node < 4; node++) {
                List<CounterKey> order = new ArrayList<>(keys);
                java.util.Collections.shuffle(order);
                done.add(nodes.submit(() -> {
                    for (int flush = 0; flush < 10; flush++) {
                        Map<CounterKey, Long> batch = new HashMap<>();
                        order.forEach(k -> batch.put(k, 1L));
                        counters.addAndRead(batch, Set.of());
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        assertThat(counters.addAndRead(Map.of(), Set.copyOf(keys)).values()).containsOnly(40L);
    }

    @Test
    void ended_windows_are_deleted() {
        CounterKey old = key("a", "hour", 0, HOUR);
        CounterKey current = key("a", "hour", HOUR, 2 * HOUR);
        counters.addAndRead(Map.of(old, 1L, current, 1L), Set.of());
        assertThat(counters.deleteEnded(HOUR)).isEqualTo(1);
        assertThat(counters.addAndRead(Map.of(), Set.of(old, current)))
                .containsEntry(old, 0L)
                .containsEntry(current, 1L);
    }
}
