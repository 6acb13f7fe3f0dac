package io.tollgate.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.shared.WorkspaceId;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class InvalidationFollowerTest {

    private final UUID self = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final List<LoggedEvent> logged = new ArrayList<>();
    /** The fake log's compaction snapshot: events up to it are folded away (removed from {@link #logged}). */
    private LogPosition snapshot = LogPosition.START;
    /** How many times the whole node cache was purged. */
    private final AtomicInteger purgedAll = new AtomicInteger();

    private final List<String> purged = new CopyOnWriteArrayList<>();
    private final List<VersionKey> rebuilt = new CopyOnWriteArrayList<>();
    private final AtomicBoolean failRebuild = new AtomicBoolean();
    private final WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());
    /** The cache keys each logged entity's change purges, by the entity's name. */
    private final Map<String, List<String>> keys = new HashMap<>();

    private final EventLog log = new EventLog() {
        @Override
        public void append(UUID nodeId, ClusterEvent event) {}

        @Override
        public LogPosition head() {
            return logged.isEmpty() ? snapshot : logged.get(logged.size() - 1).position();
        }

        @Override
        public LogRead readAfter(LogPosition position, int limit) {
            if (position.compareTo(snapshot) < 0) {
                return new LogRead.BehindSnapshot(position, snapshot);
            }
            return new LogRead.Events(logged.stream()
                    .filter(e -> e.position().compareTo(position) > 0)
                    .limit(limit)
                    .toList());
        }
    };

    private final NodeCache cache = new NodeCache() {
        public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
            return CompletableFuture.completedFuture(Optional.empty());
        }

        public CompletableFuture<List<Entity>> getAll(CacheKey key, Supplier<List<Entity>> loader) {
            return CompletableFuture.completedFuture(List.of());
        }

        public Optional<Optional<Entity>> probe(CacheKey key) {
            return Optional.empty();
        }

        public List<CacheKey> keys(String prefix) {
            return List.of();
        }

        public void invalidate(CacheKey key) {
            purged.add(key.value());
        }

        public void purge() {
            purgedAll.incrementAndGet();
        }
    };

    private final VersionedStructure router = new VersionedStructure() {
        public VersionKey versionKey() {
            return VersionKey.ROUTER;
        }

        public void rebuild() {
            if (failRebuild.get()) {
                throw new IllegalStateException("database down");
            }
            rebuilt.add(VersionKey.ROUTER);
        }
    };

    /**
     * Logs the creation of an entity named {@code name} by {@code node}: a route when {@code bump} is the router, an
     * upstream when it is the health checks, else a consumer; {@link #keys} then holds the cache keys it purges.
     */
    private void event(UUID node, String name, VersionKey... bump) {
        VersionKey kind = bump.length == 0 ? null : bump[0];
        Entity entity;
        if (kind == VersionKey.ROUTER) {
            entity = Entities.route(
                    Entities.service("http://upstream", Map.of()), Map.of("name", name, "paths", List.of("/")));
        } else if (kind == VersionKey.HEALTHCHECKS) {
            entity = Entities.of(Upstreams.SCHEMA, Map.of("name", name));
        } else {
            entity = Entities.consumer(name, null);
        }
        EntityCreated created = new EntityCreated(entity);
        keys.put(
                name,
                Invalidations.of(created, workspace).cacheKeys().stream()
                        .map(CacheKey::value)
                        .toList());
        long n = head().eventId() + 1;
        logged.add(new LoggedEvent(new LogPosition(n, n), node, Instant.EPOCH, created));
    }

    /** The fake log's last position: its last event's, else the snapshot's. */
    private LogPosition head() {
        return log.head();
    }

    private InvalidationFollower follower(Duration propagation) {
        return new InvalidationFollower(
                log,
                new LocalInvalidation(cache, List.of(router)),
                self,
                workspace,
                Duration.ofHours(1),
                propagation,
                FollowerHooks.none());
    }

    @Test
    void starts_at_the_head_skips_its_own_events_and_rebuilds_once_per_poll() {
        event(other, "old");
        var follower = follower(Duration.ZERO);
        follower.startAtHead();
        event(self, "mine", VersionKey.ROUTER);
        event(other, "theirs-1", VersionKey.ROUTER);
        event(other, "theirs-2", VersionKey.ROUTER);
        assertThat(follower.poll()).isEqualTo(2);
        assertThat(purged).containsExactlyElementsOf(concat(keys.get("theirs-1"), keys.get("theirs-2")));
        assertThat(rebuilt).containsExactly(VersionKey.ROUTER);
        assertThat(follower.poll()).isZero();
        follower.close();
    }

    @Test
    void delays_application_by_the_propagation_setting() {
        // a delay well above a poll's own duration on a loaded machine, so "not yet" is not a race
        var follower = follower(Duration.ofMillis(1500));
        follower.startAtHead();
        event(other, "k", VersionKey.ROUTER);
        long start = System.nanoTime();
        follower.poll();
        assertThat(purged).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !purged.isEmpty());
        assertThat(purged).containsExactlyElementsOf(keys.get("k"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        follower.close();
    }

    @Test
    void a_reload_reschedules_the_periodic_read_at_the_new_frequency() {
        var follower = follower(Duration.ZERO); // reads every hour
        follower.startAtHead();
        event(other, "k", VersionKey.ROUTER);

        follower.reconfigure(Duration.ofMillis(50), Duration.ZERO);

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> !purged.isEmpty());
        assertThat(purged).containsExactlyElementsOf(keys.get("k"));
        assertThatThrownBy(() -> follower.reconfigure(Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("db_update_frequency must be greater than 0");
        follower.close();
    }

    @Test
    void a_shortened_propagation_never_applies_a_later_read_before_an_earlier_one() {
        var follower = follower(Duration.ofMillis(1500));
        follower.startAtHead();
        event(other, "first", VersionKey.ROUTER);
        follower.poll();

        follower.reconfigure(Duration.ofHours(1), Duration.ZERO);
        event(other, "second", VersionKey.ROUTER);
        follower.poll();

        assertThat(purged).as("the second waits for the first").isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> purged.size()
                        == keys.get("first").size() + keys.get("second").size());
        assertThat(purged).containsExactlyElementsOf(concat(keys.get("first"), keys.get("second")));
        follower.close();
    }

    @Test
    void retries_a_failed_rebuild_on_the_next_poll() {
        var follower = follower(Duration.ZERO);
        follower.startAtHead();
        failRebuild.set(true);
        event(other, "k", VersionKey.ROUTER);
        follower.poll();
        assertThat(rebuilt).isEmpty();
        failRebuild.set(false);
        follower.poll();
        assertThat(rebuilt).containsExactly(VersionKey.ROUTER);
        follower.close();
    }

    @Test
    void hands_other_nodes_forced_target_healths_to_the_listener_after_the_batch_invalidations() {
        List<Object> applied = new CopyOnWriteArrayList<>();
        VersionedStructure recording = new VersionedStructure() {
            public VersionKey versionKey() {
                return VersionKey.HEALTHCHECKS;
            }

            public void rebuild() {
                applied.add("rebuilt");
            }
        };
        var follower = new InvalidationFollower(
                log,
                new LocalInvalidation(cache, List.of(recording)),
                self,
                workspace,
                Duration.ofHours(1),
                Duration.ZERO,
                FollowerHooks.none().withHealth(applied::add));
        follower.startAtHead();
        TargetHealthForced mine = new TargetHealthForced(
                new UpstreamId(UUID.randomUUID()), new TargetId(UUID.randomUUID()), "10.0.0.1:80", null, false);
        TargetHealthForced theirs = new TargetHealthForced(
                new UpstreamId(UUID.randomUUID()), new TargetId(UUID.randomUUID()), "10.0.0.2:80", null, true);
        logged.add(new LoggedEvent(new LogPosition(1, 1), self, Instant.EPOCH, mine));
        logged.add(new LoggedEvent(new LogPosition(2, 2), other, Instant.EPOCH, theirs));
        event(other, "x", VersionKey.HEALTHCHECKS);
        assertThat(follower.poll()).isEqualTo(2);
        assertThat(applied).containsExactly("rebuilt", theirs);
        assertThat(purged).containsExactlyElementsOf(keys.get("x"));
        follower.close();
    }

    /** Folds every logged event up to {@code upTo} into the fake log's snapshot, as compaction does. */
    private void compactUpTo(LogPosition upTo) {
        snapshot = upTo;
        logged.removeIf(e -> e.position().compareTo(upTo) <= 0);
    }

    @Test
    void a_follower_behind_the_snapshot_purges_its_cache_rebuilds_everything_once_and_reads_on_after_the_snapshot() {
        VersionedStructure plugins = new VersionedStructure() {
            public VersionKey versionKey() {
                return VersionKey.PLUGINS;
            }

            public void rebuild() {
                rebuilt.add(VersionKey.PLUGINS);
            }
        };
        var follower = new InvalidationFollower(
                log,
                new LocalInvalidation(cache, List.of(router, plugins)),
                self,
                workspace,
                Duration.ofHours(1),
                Duration.ZERO,
                FollowerHooks.none());
        event(other, "seen");
        follower.startAtHead();
        LogPosition behind = follower.position();
        event(other, "folded-1", VersionKey.ROUTER);
        event(other, "folded-2");
        LogPosition folded = logged.get(logged.size() - 1).position();
        compactUpTo(folded);
        event(other, "after-1");
        event(other, "after-2", VersionKey.ROUTER);
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Logger jul = Logger.getLogger(InvalidationFollower.class.getName());
        Handler handler = new Handler() {
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            public void flush() {}

            public void close() {}
        };
        jul.addHandler(handler);
        try {
            assertThat(follower.poll())
                    .as("events of other nodes read after the snapshot")
                    .isEqualTo(2);
            assertThat(follower.poll()).isZero();
        } finally {
            jul.removeHandler(handler);
        }

        assertThat(purgedAll).as("the whole cache is purged once").hasValue(1);
        assertThat(rebuilt)
                .as("every structure rebuilt by the resynchronisation, then the router for after-2")
                .containsExactlyInAnyOrder(VersionKey.ROUTER, VersionKey.PLUGINS, VersionKey.ROUTER);
        assertThat(purged)
                .as("the events after the snapshot are not lost")
                .containsExactlyElementsOf(concat(keys.get("after-1"), keys.get("after-2")));
        assertThat(follower.position()).isEqualTo(logged.get(logged.size() - 1).position());
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getMessage()).contains(behind.toString(), folded.toString());
        follower.close();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
