package io.tollgate.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CaffeineNodeCacheTest {

    /** How long a test waits for something that should happen at once before it fails. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;
    private final ExecutorService loads = Executors.newCachedThreadPool();
    private final CacheKey key = new CacheKey("consumers:alice:::::ws");
    private final CacheKey missing = new CacheKey("keyauth_credentials:nope:::::ws");

    @AfterEach
    void stop() {
        loads.shutdownNow();
    }

    private CaffeineNodeCache cache(Duration ttl, Duration negTtl) {
        return new CaffeineNodeCache(new CacheSettings(ttl, negTtl, 1 << 20), ticker, loads, new DatabaseOutages());
    }

    /** A cache whose loads run on the calling thread, so everything a load sets off has happened when it returns. */
    private CaffeineNodeCache sameThreadCache(Duration ttl, Duration negTtl) {
        return new CaffeineNodeCache(
                new CacheSettings(ttl, negTtl, 1 << 20), ticker, Runnable::run, new DatabaseOutages());
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
    void a_miss_moving_to_its_own_cache_is_never_loaded_again() {
        // A finished miss moves from the loading cache to the misses' cache on the loader's thread, racing the
        // reader's next lookup; the reader must find it in one of the two, however the threads interleave.
        var cache = cache(Duration.ZERO, Duration.ZERO);
        AtomicInteger reloads = new AtomicInteger();
        for (int i = 0; i < 20_000; i++) {
            CacheKey absent = new CacheKey("consumers:race-" + i + ":::::ws");
            assertThat(cache.get(absent, Optional::empty).join()).isEmpty();
            cache.get(absent, () -> {
                        reloads.incrementAndGet();
                        return Optional.empty();
                    })
                    .join();
        }
        assertThat(reloads).as("misses loaded again while moving").hasValue(0);
        assertThat(cache.statistics().stream()
                        .filter(kind -> kind.kind().equals("consumers"))
                        .findFirst()
                        .orElseThrow()
                        .negativeHits())
                .as("every second lookup found the cached miss, moved yet or not")
                .isEqualTo(20_000);
        await().atMost(DEADLINE)
                .untilAsserted(() -> assertThat(cache.statistics().stream()
                                .filter(kind -> kind.kind().equals("consumers"))
                                .findFirst()
                                .orElseThrow()
                                .entries())
                        .as("entries counted once each, less those the miss budget evicted")
                        .isEqualTo(cache.keys("consumers:").size()));
    }

    @Test
    void a_reload_of_the_ttls_applies_to_the_entries_already_cached_from_their_next_read() {
        var cache = sameThreadCache(Duration.ZERO, Duration.ZERO);
        assertThat(cache.get(key, () -> Optional.of(consumer("alice"))).join()).isPresent();
        assertThat(cache.get(missing, Optional::empty).join()).isEmpty();
        advance(Duration.ofSeconds(90));

        cache.expiryChanged(Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ZERO);

        assertThat(cache.probe(key)).as("loaded 90 s ago, past the new 60 s").isEmpty();
        assertThat(cache.get(key, () -> Optional.of(consumer("reloaded"))).join())
                .hasValueSatisfying(c -> assertThat(c.get("username")).isEqualTo("reloaded"));
        assertThat(cache.probe(missing))
                .as("a miss 90 s old, within the new 120 s")
                .contains(Optional.empty());
        advance(Duration.ofSeconds(31));
        assertThat(cache.probe(missing)).isEmpty();

        cache.expiryChanged(Duration.ZERO, Duration.ZERO, Duration.ZERO);
        assertThat(cache.get(key, () -> Optional.of(consumer("again"))).join())
                .as("read within its 60 s: now kept without expiry")
                .hasValueSatisfying(c -> assertThat(c.get("username")).isEqualTo("reloaded"));
        advance(Duration.ofDays(1));
        assertThat(cache.probe(key)).as("no expiry again").isPresent();
    }

    @Test
    void expires_hits_after_the_ttl_and_misses_after_the_negative_ttl() {
        var cache = sameThreadCache(Duration.ofSeconds(10), Duration.ofSeconds(2));
        cache.get(key, () -> Optional.of(consumer("alice"))).join();
        cache.get(missing, Optional::empty).join();
        advance(Duration.ofSeconds(3));
        assertThat(cache.probe(missing)).isEmpty();
        assertThat(cache.probe(key)).isPresent();
        assertThat(cache.keys("")).containsExactly(key);
        advance(Duration.ofSeconds(8));
        assertThat(cache.probe(key)).isEmpty();
        assertThat(cache.keys("")).isEmpty();
    }

    @Test
    void a_load_finished_before_caffeine_saw_it_expires_counting_from_the_load() {
        // The load finishes, then the clock moves on before Caffeine registers the finished future (and times it).
        Executor loadThenTick = task -> {
            task.run();
            advance(Duration.ofSeconds(3));
        };
        var cache = new CaffeineNodeCache(
                new CacheSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), 1 << 20),
                ticker,
                loadThenTick,
                new DatabaseOutages());
        Entity alice = consumer("alice");

        assertThat(cache.get(missing, Optional::empty).join()).isEmpty(); // loaded at 0 s, seen by Caffeine at 3 s
        assertThat(cache.probe(missing))
                .as("a miss 3 s after its load, neg TTL 2 s")
                .isEmpty();
        assertThat(cache.get(key, () -> Optional.of(alice)).join()).contains(alice); // loaded at 3 s, seen at 6 s
        advance(Duration.ofSeconds(6));
        assertThat(cache.probe(key)).as("a hit 9 s after its load, TTL 10 s").contains(Optional.of(alice));
        advance(Duration.ofSeconds(1));
        assertThat(cache.probe(key)).as("a hit 10 s after its load, TTL 10 s").isEmpty();
    }

    @Test
    void a_reader_before_caffeines_completion_callback_sees_the_miss_expire_on_time() {
        try (var hold = new HeldCompletionCallback()) {
            var cache = new CaffeineNodeCache(
                    new CacheSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), 1 << 20),
                    hold.ticker,
                    hold.loader,
                    new DatabaseOutages());
            hold.loadAndHold(cache, missing, Optional.empty()); // loaded at 0 s; Caffeine has not timed it yet

            advance(Duration.ofSeconds(1));
            assertThat(cache.keys("")).as("within its neg TTL").containsExactly(missing);
            advance(Duration.ofSeconds(2));
            assertThat(cache.keys("")).as("past its neg TTL").isEmpty();
            assertThat(cache.probe(missing)).as("past its neg TTL").isEmpty();

            hold.release();
            assertThat(cache.probe(missing))
                    .as("past its neg TTL, timed by Caffeine")
                    .isEmpty();
            assertThat(cache.keys("")).isEmpty();
        }
    }

    @Test
    void a_get_before_caffeines_completion_callback_loads_an_expired_miss_again() {
        Entity alice = consumer("alice");
        ExecutorService readers = Executors.newSingleThreadExecutor();
        try (var hold = new HeldCompletionCallback()) {
            var cache = new CaffeineNodeCache(
                    new CacheSettings(Duration.ofSeconds(10), Duration.ofSeconds(2), 1 << 20),
                    hold.ticker,
                    hold.loader,
                    new DatabaseOutages());
            hold.loadAndHold(cache, missing, Optional.empty()); // loaded at 0 s; Caffeine has not timed it yet
            advance(Duration.ofSeconds(3));

            AtomicReference<Thread> reader = new AtomicReference<>();
            CompletableFuture<Optional<Entity>> got = CompletableFuture.supplyAsync(
                    () -> {
                        reader.set(Thread.currentThread());
                        return cache.get(missing, () -> Optional.of(alice)).join();
                    },
                    readers);
            // Dropping the stale entry waits for the lock Caffeine's held callback keeps on it (or, on a cache that
            // returned the stale value, the get is already done).
            await().atMost(DEADLINE)
                    .until(() -> got.isDone()
                            || (reader.get() != null && reader.get().getState() == Thread.State.BLOCKED));
            hold.release();

            assertThat(got).succeedsWithin(DEADLINE).isEqualTo(Optional.of(alice));
        } finally {
            readers.shutdownNow();
        }
    }

    @Test
    void loads_once_however_many_callers_miss_together() {
        var cache = cache(Duration.ZERO, Duration.ZERO);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Entity alice = consumer("alice");
        var futures = new java.util.ArrayList<CompletableFuture<Optional<Entity>>>();
        for (int i = 0; i < 50; i++) {
            futures.add(cache.get(key, () -> {
                calls.incrementAndGet();
                try {
                    release.await(); // interrupted by stop() if the test fails first
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return Optional.of(alice);
            }));
        }
        assertThat(futures.get(0)).isNotDone();
        release.countDown();
        for (var f : futures) {
            assertThat(f).succeedsWithin(DEADLINE).isEqualTo(Optional.of(alice));
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
                new CacheSettings(Duration.ZERO, Duration.ZERO, 64 * 1024),
                ticker,
                Runnable::run,
                new DatabaseOutages());
        for (int i = 0; i < 2000; i++) {
            cache.get(new CacheKey("consumers:" + i + ":::::ws"), () -> Optional.of(consumer("user")))
                    .join();
        }
        assertThat(cache.keys("consumers:").size()).isLessThan(2000).isGreaterThan(0);
    }

    /**
     * Holds Caffeine's completion callback for one load: the loader thread stops at the first clock reading Caffeine
     * makes on it (the callback timing the entry), after the loaded value is complete and visible to readers but
     * before Caffeine has given the entry its expiry.
     */
    private final class HeldCompletionCallback implements AutoCloseable {

        private final AtomicReference<Thread> loaderThread = new AtomicReference<>();
        final ExecutorService loader = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "held-loader");
            loaderThread.set(thread);
            return thread;
        });
        private final AtomicBoolean armed = new AtomicBoolean(true);
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        final Ticker ticker = () -> {
            if (Thread.currentThread() == loaderThread.get() && readByCaffeine() && armed.compareAndSet(true, false)) {
                held.countDown();
                awaitOrGiveUp(released);
            }
            return nanos.get();
        };

        private static boolean readByCaffeine() {
            return StackWalker.getInstance()
                    .walk(frames -> frames.anyMatch(f -> f.getClassName().startsWith("com.github.benmanes.caffeine.")));
        }

        /** Loads {@code value} under {@code key} and returns once Caffeine's completion callback is held. */
        void loadAndHold(CaffeineNodeCache cache, CacheKey key, Optional<Entity> value) {
            CountDownLatch registered = new CountDownLatch(1);
            cache.get(key, () -> {
                awaitOrGiveUp(registered);
                return value;
            });
            registered.countDown(); // get() has returned, so Caffeine's completion callback is registered
            assertThat(awaitOrGiveUp(held))
                    .as("Caffeine's completion callback reached")
                    .isTrue();
        }

        /** Lets the held callback go on and returns once it (and every load queued behind it) has finished. */
        void release() {
            released.countDown();
            assertThat(loader.submit(() -> {})).succeedsWithin(DEADLINE);
        }

        @Override
        public void close() {
            released.countDown();
            loader.shutdownNow();
        }
    }

    private static boolean awaitOrGiveUp(CountDownLatch latch) {
        try {
            return latch.await(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void a_list_entry_is_a_hit_even_when_empty_lives_for_the_positive_ttl_and_goes_with_its_key() {
        var cache = sameThreadCache(Duration.ofSeconds(10), Duration.ofSeconds(1));
        CacheKey groups = new CacheKey("acls:" + UUID.randomUUID() + ":::::ws");
        AtomicInteger calls = new AtomicInteger();
        Entity alice = consumer("alice");
        Supplier<List<Entity>> none = () -> {
            calls.incrementAndGet();
            return List.of();
        };

        assertThat(cache.getAll(groups, none).join()).isEmpty();
        advance(Duration.ofSeconds(5));
        assertThat(cache.getAll(groups, none).join()).isEmpty();
        assertThat(calls).as("an empty list is cached past the negative TTL").hasValue(1);
        assertThat(cache.keys("acls:")).containsExactly(groups);
        assertThat(cache.probe(groups)).as("probe shows single entities only").isEmpty();
        assertThat(cache.probeAll(groups)).as("probeAll shows the list").contains(List.of());

        advance(Duration.ofSeconds(6));
        assertThat(cache.getAll(groups, none).join()).isEmpty();
        assertThat(calls).as("reloaded after the TTL").hasValue(2);

        cache.invalidate(groups);
        assertThat(cache.getAll(groups, () -> List.of(alice)).join()).containsExactly(alice);
        assertThat(cache.probeAll(groups)).contains(List.of(alice));
        assertThat(cache.probeAll(new CacheKey("acls:" + UUID.randomUUID() + ":::::ws")))
                .isEmpty();
    }
}
