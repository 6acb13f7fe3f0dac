package io.tollgate.adapter.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import io.tollgate.application.port.CacheKindStatistics;
import io.tollgate.application.port.CacheMemory;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The node cache's counters per entity kind, as {@code GET /metrics} shows them. */
class CacheCountersTest {

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    private CaffeineNodeCache cache(Duration ttl, long bytes) {
        return new CaffeineNodeCache(new CacheSettings(ttl, ttl, bytes), ticker, Runnable::run, new DatabaseOutages());
    }

    private static Entity consumer(String username) {
        return new Entity(
                Consumers.SCHEMA,
                Consumers.SCHEMA.validate(Map.of("id", UUID.randomUUID().toString(), "username", username)));
    }

    private static CacheKindStatistics kind(CaffeineNodeCache cache, String kind) {
        return cache.statistics().stream()
                .filter(s -> s.kind().equals(kind))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void counts_hits_misses_cached_misses_and_loads_per_kind() {
        var cache = cache(Duration.ZERO, 1 << 20);
        CacheKey alice = new CacheKey("consumers:alice:::::ws");
        CacheKey nope = new CacheKey("keyauth_credentials:nope:::::ws");
        cache.get(alice, () -> Optional.of(consumer("alice"))).join();
        cache.get(alice, () -> Optional.of(consumer("other"))).join();
        cache.get(alice, () -> Optional.of(consumer("other"))).join();
        cache.get(nope, Optional::empty).join();
        cache.get(nope, Optional::empty).join();
        cache.getAll(new CacheKey("router:version"), List::of).join();

        assertThat(kind(cache, "consumers")).isEqualTo(new CacheKindStatistics("consumers", 2, 0, 1, 1, 0, 0, 0, 0, 1));
        assertThat(kind(cache, "keyauth_credentials"))
                .isEqualTo(new CacheKindStatistics("keyauth_credentials", 1, 1, 1, 0, 1, 0, 0, 0, 1));
        assertThat(cache.statistics())
                .extracting(CacheKindStatistics::kind)
                .containsExactly("consumers", "keyauth_credentials", "router");
        CacheMemory memory = cache.memory().orElseThrow();
        assertThat(memory.capacityBytes()).isEqualTo(1 << 20);
        assertThat(memory.usedBytes()).isPositive().isLessThan(1 << 20);
        cache.purge();
        assertThat(cache.memory().orElseThrow().usedBytes()).isZero();
    }

    @Test
    void counts_failed_loads_and_entries_go_with_invalidation() {
        var cache = cache(Duration.ZERO, 1 << 20);
        CacheKey key = new CacheKey("services:a:::::ws");
        assertThatThrownBy(() -> cache.get(key, () -> {
                            throw new DatabaseUnavailable("down", null);
                        })
                        .join())
                .hasCauseInstanceOf(DatabaseUnavailable.class);
        cache.get(key, () -> Optional.of(consumer("a"))).join();
        CacheKindStatistics services = kind(cache, "services");
        assertThat(services.loadsFailed())
                .as("a failed load is retried once by the same lookup")
                .isEqualTo(2);
        assertThat(services.loadsFound()).isEqualTo(1);
        assertThat(services.misses()).isEqualTo(services.loadsFailed() + services.loadsFound());
        assertThat(kind(cache, "services").entries()).isEqualTo(1);
        cache.invalidate(key);
        assertThat(kind(cache, "services").entries()).isZero();
        assertThat(kind(cache, "services").evictedSize())
                .as("an invalidation is not an eviction")
                .isZero();
    }

    @Test
    void counts_evictions_by_size_and_by_expiry() {
        var small = cache(Duration.ZERO, 64 * 1024);
        for (int i = 0; i < 2000; i++) {
            small.get(new CacheKey("consumers:" + i + ":::::ws"), () -> Optional.of(consumer("user")))
                    .join();
        }
        CacheKindStatistics consumers = kind(small, "consumers");
        assertThat(consumers.evictedSize()).isPositive();
        assertThat(consumers.evictedSize() + consumers.entries()).isEqualTo(2000);

        var expiring = cache(Duration.ofSeconds(5), 1 << 20);
        CacheKey key = new CacheKey("consumers:bob:::::ws");
        expiring.get(key, () -> Optional.of(consumer("bob"))).join();
        nanos.addAndGet(Duration.ofSeconds(6).toNanos());
        expiring.get(key, () -> Optional.of(consumer("bob"))).join();
        assertThat(kind(expiring, "consumers").expired()).isEqualTo(1);
        assertThat(kind(expiring, "consumers").misses()).isEqualTo(2);
    }

    @Test
    void every_entity_kinds_cache_keys_count_under_that_kind_and_other_keys_under_their_prefix() {
        CacheCounters counters = new CacheCounters();
        WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());
        for (EntityKind kind : EntityKind.values()) {
            assertThat(counters.of(CacheKeys.of(kind, workspace, UUID.randomUUID())).name)
                    .isEqualTo(kind.kongName());
        }
        assertThat(counters.of(new CacheKey("balancer:upstreams")).name).isEqualTo("upstreams");
        assertThat(counters.of(new CacheKey("balancer:upstreams:" + UUID.randomUUID())).name)
                .isEqualTo("upstreams");
        assertThat(counters.of(new CacheKey("certificates:version")).name).isEqualTo("certificates");
        assertThat(counters.of(new CacheKey("certificates:version")))
                .as("a version key is no certificate's key")
                .isNotSameAs(counters.of(CacheKeys.of(EntityKind.CERTIFICATES, workspace, UUID.randomUUID())));
        assertThat(counters.of(new CacheKey("router:version"))).isSameAs(counters.of(new CacheKey("router:version")));
    }

    @Test
    void entries_stay_right_across_put_invalidate_eviction_expiry_and_purge() {
        var cache = cache(Duration.ofSeconds(5), 1 << 20);
        CacheKey alice = new CacheKey("consumers:alice:::::ws");
        CacheKey bob = new CacheKey("consumers:bob:::::ws");
        CacheKey nope = new CacheKey("keyauth_credentials:nope:::::ws");
        cache.get(alice, () -> Optional.of(consumer("alice"))).join();
        cache.get(bob, () -> Optional.of(consumer("bob"))).join();
        cache.get(bob, () -> Optional.of(consumer("bob"))).join();
        cache.get(nope, Optional::empty).join();
        assertThat(kind(cache, "consumers").entries()).isEqualTo(2);
        assertThat(kind(cache, "keyauth_credentials").entries())
                .as("a miss in its own cache")
                .isEqualTo(1);

        cache.invalidate(alice);
        cache.invalidate(nope);
        cache.invalidate(nope);
        assertThat(kind(cache, "consumers").entries()).isEqualTo(1);
        assertThat(kind(cache, "keyauth_credentials").entries()).isZero();
        cache.get(alice, () -> Optional.of(consumer("alice"))).join();
        cache.get(nope, Optional::empty).join();
        assertThat(kind(cache, "consumers").entries()).isEqualTo(2);
        assertThat(kind(cache, "keyauth_credentials").entries()).isEqualTo(1);

        nanos.addAndGet(Duration.ofSeconds(60).toNanos());
        assertThat(kind(cache, "consumers").entries()).as("expired").isZero();
        assertThat(kind(cache, "keyauth_credentials").entries()).isZero();
        assertThat(kind(cache, "consumers").expired()).isEqualTo(2);

        var small = cache(Duration.ZERO, 64 * 1024);
        for (int i = 0; i < 2000; i++) {
            small.get(new CacheKey("consumers:" + i + ":::::ws"), () -> Optional.of(consumer("user")))
                    .join();
        }
        CacheKindStatistics consumers = kind(small, "consumers");
        assertThat(consumers.evictedSize()).isPositive();
        assertThat(consumers.entries())
                .isEqualTo(2000 - consumers.evictedSize())
                .isEqualTo(small.keys("consumers:").size());
        small.purge();
        assertThat(kind(small, "consumers").entries()).isZero();
    }
}
