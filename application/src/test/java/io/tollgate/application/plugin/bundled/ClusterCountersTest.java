package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The {@code cluster} policy's view, with nodes sharing one store (an in-memory stand-in for the database table whose
 * adapter has its own test against PostgreSQL) and flushes the test triggers: batched writes, the overshoot bound,
 * outages.
 */
class ClusterCountersTest {

    /** The shared table: upserts and reads, counted. */
    static final class SharedTable implements RateLimitCounters {
        final Map<CounterKey, Long> rows = new ConcurrentHashMap<>();
        final AtomicInteger writes = new AtomicInteger();
        volatile boolean down;

        @Override
        public Map<CounterKey, Long> addAndRead(Map<CounterKey, Long> increments, Set<CounterKey> reads) {
            if (down) {
                throw new IllegalStateException("connection refused");
            }
            Map<CounterKey, Long> values = new HashMap<>();
            increments.forEach((key, n) -> {
                writes.incrementAndGet();
                values.put(key, rows.merge(key, n, Long::sum));
            });
            reads.forEach(key -> values.put(key, rows.getOrDefault(key, 0L)));
            return values;
        }

        @Override
        public int deleteEnded(long now) {
            int before = rows.size();
            rows.keySet().removeIf(key -> key.windowEnd() <= now);
            return before - rows.size();
        }
    }

    final AtomicLong now = new AtomicLong(3_600_000);
    final SharedTable table = new SharedTable();
    final CounterKey[] keys = {new CounterKey(null, null, "10.0.0.1", "hour", 3_600_000, 7_200_000)};
    final double[] limit = {20};

    static boolean passes(ClusterCounters node, CounterKey[] keys, double[] limits, long now) throws Exception {
        return node.acquire(keys, limits, now)[0] < limits[0];
    }

    @Test
    void a_node_alone_is_exact_and_writes_once_per_flush() throws Exception {
        ClusterCounters node = new ClusterCounters(table, now::get);
        int passed = 0;
        for (int i = 0; i < 50; i++) {
            passed += passes(node, keys, limit, now.get()) ? 1 : 0;
        }
        assertThat(passed).isEqualTo(20);
        assertThat(table.writes).hasValue(0);
        node.flush();
        assertThat(table.writes).as("one upsert for 20 requests").hasValue(1);
        assertThat(table.rows).containsEntry(keys[0], 20L);
        node.flush();
        assertThat(table.writes).as("nothing new: a read only").hasValue(1);
        assertThat(passes(node, keys, limit, now.get())).isFalse();
    }

    @Test
    void two_nodes_overshoot_at_most_by_what_the_other_admitted_between_flushes() throws Exception {
        ClusterCounters a = new ClusterCounters(table, now::get);
        ClusterCounters b = new ClusterCounters(table, now::get);
        int passed = 0;
        int perInterval = 3; // requests each node gets between two flushes
        for (int round = 0; round < 20; round++) {
            for (int i = 0; i < perInterval; i++) {
                passed += passes(a, keys, limit, now.get()) ? 1 : 0;
                passed += passes(b, keys, limit, now.get()) ? 1 : 0;
            }
            a.flush();
            b.flush();
        }
        // the documented bound: the limit + what the other node admitted during about two intervals
        assertThat(passed).isGreaterThanOrEqualTo(20).isLessThanOrEqualTo(20 + 2 * perInterval);
        assertThat(table.rows.get(keys[0])).isEqualTo(passed);
        assertThat(table.writes.get())
                .as("far fewer writes than the %d requests", 2 * perInterval * 20)
                .isLessThanOrEqualTo(2 * 20);
    }

    @Test
    void an_outage_makes_the_counters_unavailable_and_keeps_the_queued_increments() throws Exception {
        ClusterCounters node = new ClusterCounters(table, now::get);
        for (int i = 0; i < 5; i++) {
            node.acquire(keys, limit, now.get());
        }
        table.down = true;
        node.flush();
        assertThatThrownBy(() -> node.acquire(keys, limit, now.get())).isInstanceOf(RateCounters.Unavailable.class);
        table.down = false;
        node.flush();
        assertThat(table.rows).containsEntry(keys[0], 5L);
        assertThat(node.acquire(keys, limit, now.get())).containsExactly(5);
    }

    @Test
    void ended_windows_are_forgotten_by_the_node_and_purged_from_the_table() throws Exception {
        ClusterCounters node = new ClusterCounters(table, now::get);
        node.acquire(keys, limit, now.get());
        node.flush();
        now.set(7_200_000);
        CounterKey[] next = {new CounterKey(null, null, "10.0.0.1", "hour", 7_200_000, 10_800_000)};
        assertThat(node.acquire(next, limit, now.get())).containsExactly(0);
        now.set(7_200_000 + 60_000);
        node.flush();
        assertThat(table.rows).containsOnlyKeys(next[0]);
    }

    @Test
    void idle_views_are_forgotten_and_read_again_at_the_next_flush() throws Exception {
        ClusterCounters node = new ClusterCounters(table, now::get);
        for (int i = 0; i < 20; i++) {
            node.acquire(keys, limit, now.get());
        }
        node.flush();
        now.addAndGet(ClusterCounters.IDLE + 1);
        node.flush(); // forgotten: no read of it any more
        int writes = table.writes.get();
        assertThat(node.acquire(keys, limit, now.get()))
                .as("back after the idle time: from 0 until the next flush")
                .containsExactly(0);
        node.flush();
        assertThat(table.rows).containsEntry(keys[0], 21L);
        assertThat(table.writes.get()).isEqualTo(writes + 1);
        assertThat(passes(node, keys, limit, now.get())).isFalse();
    }

    @Test
    void a_flush_running_meanwhile_never_makes_one_node_see_an_increment_twice_or_lose_it() throws Exception {
        ClusterCounters node = new ClusterCounters(table, now::get);
        double[] unlimited = {Double.MAX_VALUE};
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread flusher = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                node.flush();
            }
        });
        try {
            for (int i = 0; i < 20_000; i++) {
                // one node alone: what it has seen before its i-th request is exactly i, whatever the flushes did
                assertThat(node.acquire(keys, unlimited, now.get())[0])
                        .as("request %d", i)
                        .isEqualTo(i);
            }
        } finally {
            stop.set(true);
            flusher.join();
        }
        node.flush();
        assertThat(table.rows.get(keys[0])).isEqualTo(20_000L);
    }

    @Test
    void read_counts_nothing_and_add_queues_any_units_even_negative_ones() throws Exception {
        ClusterCounters node = new ClusterCounters(table, now::get);
        assertThat(node.read(keys, now.get())).containsExactly(0);
        node.add(keys[0], 5, now.get());
        node.add(keys[0], -2, now.get());
        assertThat(node.read(keys, now.get()))
                .as("this node sees its own units at once")
                .containsExactly(3);
        node.flush();
        assertThat(table.rows).containsEntry(keys[0], 3L);
        node.add(keys[0], -1, now.get());
        node.flush();
        assertThat(table.rows).as("a negative batch is written too").containsEntry(keys[0], 2L);
        assertThat(node.read(keys, now.get())).containsExactly(2);
    }
}
