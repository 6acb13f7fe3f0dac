package io.tollgate.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.plugin.spi.CachedResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The proxy-cache store: its memory budget under many distinct responses, per-entry TTLs, and purges. */
class CaffeineResponseCacheTest {

    private final AtomicLong nanos = new AtomicLong(1_000);
    private final Ticker ticker = nanos::get;
    private final UUID plugin = UUID.randomUUID();

    private CachedResponse response(String body, UUID owner) {
        return new CachedResponse(
                200,
                Map.of("Content-Type", List.of("application/json")),
                body.getBytes(StandardCharsets.UTF_8),
                1_700_000_000L,
                300,
                CachedResponse.VERSION,
                owner);
    }

    private static String key(int i) {
        return String.format("%064x", i);
    }

    @Test
    void stays_within_its_budget_when_100000_distinct_responses_are_cached() {
        long budget = 1 << 20; // 1 MiB
        CaffeineResponseCache cache = new CaffeineResponseCache(new ResponseCacheSettings(budget), ticker);
        int count = 100_000;
        long offered = 0;
        for (int i = 0; i < count; i++) {
            CachedResponse r = response("{\"n\":" + i + ",\"pad\":\"" + "p".repeat(200) + "\"}", plugin);
            offered += r.weight();
            cache.put(key(i), r, 300);
        }
        assertThat(offered).as("the test offers far more than the budget").isGreaterThan(20 * budget);
        assertThat(cache.weightedBytes()).isLessThanOrEqualTo(budget).isGreaterThan(budget / 2);
        assertThat(cache.size()).isLessThan(count).isGreaterThan(1_000);
        assertThat(cache.get(key(count - 1))).as("the latest entry is kept").isNotNull();
    }

    @Test
    void each_entry_expires_after_its_own_ttl() {
        CaffeineResponseCache cache = new CaffeineResponseCache(new ResponseCacheSettings(1 << 20), ticker);
        cache.put(key(1), response("short", plugin), 2);
        cache.put(key(2), response("long", plugin), 60);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2) - 1);
        assertThat(cache.get(key(1))).isNotNull();
        nanos.addAndGet(1);
        assertThat(cache.get(key(1))).isNull();
        assertThat(cache.get(key(2))).isNotNull();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(58));
        assertThat(cache.get(key(2))).isNull();
    }

    @Test
    void refuses_an_entry_heavier_than_a_sixteenth_of_the_budget() {
        CaffeineResponseCache cache = new CaffeineResponseCache(new ResponseCacheSettings(16 * 1024), ticker);
        assertThat(cache.maxEntryBytes()).isEqualTo(1024);
        cache.put(key(1), response("x".repeat(2000), plugin), 60);
        assertThat(cache.get(key(1))).isNull();
        cache.put(key(2), response("small", plugin), 60);
        assertThat(cache.get(key(2))).isNotNull();
    }

    @Test
    void purges_one_entry_one_instances_entries_or_all() {
        CaffeineResponseCache cache = new CaffeineResponseCache(new ResponseCacheSettings(1 << 20), ticker);
        UUID other = UUID.randomUUID();
        cache.put(key(1), response("a", plugin), 60);
        cache.put(key(2), response("b", plugin), 60);
        cache.put(key(3), response("c", other), 60);
        assertThat(cache.remove(key(1))).isTrue();
        assertThat(cache.remove(key(1))).isFalse();
        assertThat(cache.removeAll(plugin)).isEqualTo(1);
        assertThat(cache.get(key(2))).isNull();
        assertThat(cache.get(key(3))).isNotNull();
        cache.clear();
        assertThat(cache.get(key(3))).isNull();
    }
}
