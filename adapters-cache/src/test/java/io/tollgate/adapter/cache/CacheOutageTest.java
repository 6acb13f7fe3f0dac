package io.tollgate.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Kong's {@code db_resurrect_ttl} and the miss budget of the node cache (loads run on the caller's thread). */
class CacheOutageTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final DatabaseOutages outages = new DatabaseOutages(() -> nanos.get() / 1_000_000);
    private final CacheKey key = new CacheKey("consumers:alice:::::ws");

    private CaffeineNodeCache cache(Duration ttl, Duration resurrect, long bytes) {
        return new CaffeineNodeCache(new CacheSettings(ttl, ttl, bytes, resurrect), ticker, Runnable::run, outages);
    }

    private static Entity consumer(String username) {
        return new Entity(
                Consumers.SCHEMA,
                Consumers.SCHEMA.validate(Map.of("id", UUID.randomUUID().toString(), "username", username)));
    }

    /** A loader that answers {@code value} unless the database is down, counting its calls. */
    private Supplier<Optional<Entity>> database(Optional<Entity> value, AtomicInteger calls) {
        return () -> {
            calls.incrementAndGet();
            if (databaseDown.get()) {
                throw new DatabaseUnavailable("database unavailable: connection refused", new RuntimeException());
            }
            return value;
        };
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void an_expired_entry_is_served_stale_for_db_resurrect_ttl_while_the_database_is_down_then_retried() {
        var cache = cache(Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20);
        Entity alice = consumer("alice");
        AtomicInteger calls = new AtomicInteger();
        assertThat(cache.get(key, database(Optional.of(alice), calls)).join()).contains(alice);

        databaseDown.set(true);
        advance(Duration.ofSeconds(11)); // past db_cache_ttl
        assertThat(cache.get(key, database(Optional.of(alice), calls)).join()).contains(alice);
        assertThat(calls).hasValue(2); // the reload was tried, failed, and the stale value resurrected

        advance(Duration.ofSeconds(29)); // within db_resurrect_ttl: served without asking the database
        assertThat(cache.get(key, database(Optional.of(alice), calls)).join()).contains(alice);
        assertThat(calls).hasValue(2);

        advance(Duration.ofSeconds(2)); // db_resurrect_ttl over: retried, still down, resurrected again
        assertThat(cache.get(key, database(Optional.of(alice), calls)).join()).contains(alice);
        assertThat(calls).hasValue(3);

        databaseDown.set(false);
        advance(Duration.ofSeconds(31));
        Entity renamed = consumer("alice2");
        assertThat(cache.get(key, database(Optional.of(renamed), calls)).join()).contains(renamed);
    }

    @Test
    void without_db_resurrect_ttl_an_expired_entry_fails_with_the_database() {
        var cache = cache(Duration.ofSeconds(10), Duration.ZERO, 1 << 20);
        AtomicInteger calls = new AtomicInteger();
        cache.get(key, database(Optional.of(consumer("alice")), calls)).join();
        databaseDown.set(true);
        advance(Duration.ofSeconds(11));
        assertThatThrownBy(
                        () -> cache.get(key, database(Optional.empty(), calls)).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(DatabaseUnavailable.class);
    }

    @Test
    void a_miss_that_cannot_be_loaded_fails_and_is_not_cached() {
        var cache = cache(Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20);
        AtomicInteger calls = new AtomicInteger();
        databaseDown.set(true);
        assertThatThrownBy(
                        () -> cache.get(key, database(Optional.empty(), calls)).join())
                .hasCauseInstanceOf(DatabaseUnavailable.class);
        assertThat(cache.probe(key)).isEmpty();
        databaseDown.set(false);
        Entity alice = consumer("alice");
        assertThat(cache.get(key, database(Optional.of(alice), calls)).join()).contains(alice);
    }

    @Test
    void a_failure_that_is_not_an_outage_is_not_hidden_by_a_stale_value() {
        var cache = cache(Duration.ofSeconds(10), Duration.ofSeconds(30), 1 << 20);
        cache.get(key, () -> Optional.of(consumer("alice"))).join();
        advance(Duration.ofSeconds(11));
        assertThatThrownBy(() -> cache.get(key, () -> {
                            throw new IllegalStateException("bug");
                        })
                        .join())
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_flood_of_misses_evicts_other_misses_never_found_entities() {
        long bytes = 256 * 1024;
        var cache = cache(Duration.ZERO, Duration.ZERO, bytes);
        int entities = 100;
        for (int i = 0; i < entities; i++) {
            cache.get(new CacheKey("consumers:" + i + ":::::ws"), () -> Optional.of(consumer("user")))
                    .join();
        }
        for (int i = 0; i < 50_000; i++) { // random API keys
            cache.get(new CacheKey("keyauth_credentials:" + UUID.randomUUID() + ":::::ws"), Optional::empty)
                    .join();
        }
        assertThat(cache.keys("consumers:")).hasSize(entities);
        long[] weights = cache.weights();
        assertThat(weights[1]).isPositive().isLessThanOrEqualTo(bytes / CacheSettings.MISS_SHARE);
        assertThat(cache.keys("keyauth_credentials:"))
                .isNotEmpty()
                .hasSizeLessThan(50_000); // the misses' own share is full and evicting
        // a cached miss still answers as a miss without a load
        CacheKey missing = cache.keys("keyauth_credentials:").get(0);
        assertThat(cache.probe(missing)).contains(Optional.empty());
        assertThat(cache.get(missing, () -> {
                            throw new AssertionError("a cached miss must not load");
                        })
                        .join())
                .isEmpty();
    }
}
