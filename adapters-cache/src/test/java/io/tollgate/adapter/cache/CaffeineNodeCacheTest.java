package io.tollgate.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaffeineNodeCacheTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final ExecutorService loads = Executors.newCachedThreadPool();
    private final CacheKey key = new CacheKey("consumers:alice:::::ws");

    @AfterEach
    void stop() {
        loads.shutdownNow();
    }

    private CaffeineNodeCache cache(Duration ttl, Duration negTtl) {
        return new CaffeineNodeCache(new CacheSettings(ttl, negTtl, 1 << 20), ticker, loads);
    }

    private static Entity consumer(String username) {
        return new Entity(
                Consumers.SCHEMA,
                Consumers.SCHEMA.validate(Map.of("id", UUID.randomUUID().toString(), "username", username)));
    }

    private void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    void caches_a_hit_and_answers_it_without_loading_again() {
        var cache = cache(Duration.ZERO, Duration.ZERO);
        AtomicInteger calls = new AtomicInteger();
        Entity alice = consumer("alice");
        assertThat(cache.get(key, () -> {
                            calls.incrementAndGet();
                            return Optional.of(alice);
                        })
                        .join())
                .contains(alice);
        CompletableFuture<Optional<Entity>> second = cache.get(key, () -> {
            calls.incrementAndGet();
            return Optional.empty();
        });
        assertThat(second).isDone();
        assertThat(second.join()).contains(alice);
        assertThat(calls).hasValue(1);
        assertThat(cache.probe(key)).contains(Optional.of(alice));
    }

    @Test
    void caches_a_miss_until_invalidated_when_the_negative_ttl_is_zero() {
        var cache = cache(Duration.ZERO, Duration.ZERO);
        assertThat(cache.get(key, Optional::empty).join()).isEmpty();
        assertThat(cache.probe(key)).contains(Optional.empty());
        advance(Duration.ofDays(30));
        assertThat(cache.get(key, () -> Optional.of(consumer("late"))).join()).isEmpty();
        cache.invalidate(key);
        assertThat(cache.probe(key)).isEmpty();
        assertThat(cache.get(key, () -> Optional.of(consumer("late"))).join()).isPresent();
    }

    @Test
    void expires_hits_after_the_ttl_and_misses_after_the_negative_ttl() {
        var cache = cache(Duration.ofSeconds(10), Duration.ofSeconds(2));
        CacheKey missing = new CacheKey("keyauth_credentials:nope:::::ws");
        cache.get(key, () -> Optional.of(consumer("alice"))).join();
        cache.get(missing, Optional::empty).join();
        advance(Duration.ofSeconds(3));
        assertThat(cache.probe(missing)).isEmpty();
        assertThat(cache.probe(key)).isPresent();
        advance(Duration.ofSeconds(8));
        assertThat(cache.probe(key)).isEmpty();
    }

    @Test
    void loads_once_however_many_callers_miss_together() throws Exception {
        var cache = cache(Duration.ZERO, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Entity alice = consumer("alice");
        var futures = new java.util.ArrayList<CompletableFuture<Optional<Entity>>>();
        for (int i = 0; i < 50; i++) {
            futures.add(cache.get(key, () -> {
                calls.incrementAndGet();
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of(alice);
            }));
        }
        assertThat(futures.get(0)).isNotDone();
        release.countDown();
        for (var f : futures) {
            assertThat(f.get(5, TimeUnit.SECONDS)).contains(alice);
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void a_failed_load_is_not_cached() {
        var cache = cache(Duration.ZERO, Duration.ZERO);
        assertThatThrownBy(() -> cache.get(key, () -> {
                            throw new IllegalStateException("db down");
                        })
                        .join())
                .isInstanceOf(CompletionException.class);
        assertThat(cache.probe(key)).isEmpty();
        assertThat(cache.get(key, () -> Optional.of(consumer("alice"))).join()).isPresent();
    }

    @Test
    void lists_keys_by_prefix_and_purges_everything() {
        var cache = cache(Duration.ZERO, Duration.ZERO);
        cache.get(new CacheKey("consumers:b:::::ws"), Optional::empty).join();
        cache.get(new CacheKey("consumers:a:::::ws"), Optional::empty).join();
        cache.get(new CacheKey("keyauth_credentials:k:::::ws"), Optional::empty).join();
        assertThat(cache.keys("consumers:"))
                .extracting(CacheKey::value)
                .containsExactly("consumers:a:::::ws", "consumers:b:::::ws");
        cache.purge();
        assertThat(cache.keys("")).isEmpty();
    }

    @Test
    void evicts_when_the_size_bound_is_exceeded() {
        var cache = new CaffeineNodeCache(
                new CacheSettings(Duration.ZERO, Duration.ZERO, 64 * 1024), ticker, Runnable::run);
        for (int i = 0; i < 2000; i++) {
            cache.get(new CacheKey("consumers:" + i + ":::::ws"), () -> Optional.of(consumer("user")))
                    .join();
        }
        assertThat(cache.keys("consumers:").size()).isLessThan(2000).isGreaterThan(0);
    }
}
