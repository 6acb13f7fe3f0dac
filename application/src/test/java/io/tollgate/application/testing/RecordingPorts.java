package io.tollgate.application.testing;

import io.tollgate.application.admin.ConfigurationImport;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.bundled.JacksonTestCodec;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The secondary ports an administration test needs, in memory and recording what happened: the entity store, an
 * event log that keeps appended events and projects entity changes onto the store, transactions that restore the store and the log when the work throws
 * (so a test can prove "no partial write"), and a pass-through node cache that records purged keys.
 */
public final class RecordingPorts {

    public final InMemoryEntityStore store = new InMemoryEntityStore();
    /** Every entity change appended to the event log, in order. */
    public final List<EntityEvent> appended = new ArrayList<>();
    /** Every forced target health appended to the event log, in order. */
    public final List<TargetHealthForced> healths = new ArrayList<>();

    /** The proxy-cache purges appended. */
    public final List<ProxyCachePurged> purges = new ArrayList<>();

    /** The cluster-wide log level changes appended. */
    public final List<LogLevelChanged> logLevels = new ArrayList<>();
    /** Every key purged from the node cache, in order. */
    public final List<String> purged = new ArrayList<>();

    public final WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());

    public final EventLog log = new EventLog() {
        @Override
        public void append(UUID nodeId, ClusterEvent event) {
            switch (event) {
                case EntityEvent change -> {
                    store.project(change);
                    appended.add(change);
                }
                case TargetHealthForced health -> healths.add(health);
                case ProxyCachePurged purge -> purges.add(purge);
                case LogLevelChanged change -> logLevels.add(change);
            }
        }

        @Override
        public LogPosition head() {
            return LogPosition.START;
        }

        @Override
        public LogRead readAfter(LogPosition position, int limit) {
            return new LogRead.Events(List.of());
        }
    };

    public final Transactions transactions = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            var snapshot = store.snapshot();
            int logSize = appended.size();
            int healthsSize = healths.size();
            try {
                return work.get();
            } catch (RuntimeException e) {
                store.restore(snapshot);
                appended.subList(logSize, appended.size()).clear();
                healths.subList(healthsSize, healths.size()).clear();
                throw e;
            }
        }
    };

    public final NodeCache cache = new NodeCache() {
        @Override
        public CompletableFuture<Optional<Entity>> get(CacheKey key, Supplier<Optional<Entity>> loader) {
            return CompletableFuture.completedFuture(loader.get());
        }

        @Override
        public CompletableFuture<List<Entity>> getAll(CacheKey key, Supplier<List<Entity>> loader) {
            return CompletableFuture.completedFuture(loader.get());
        }

        @Override
        public Optional<Optional<Entity>> probe(CacheKey key) {
            return Optional.empty();
        }

        @Override
        public List<CacheKey> keys(String prefix) {
            return List.of();
        }

        @Override
        public void invalidate(CacheKey key) {
            purged.add(key.value());
        }

        @Override
        public void purge() {}
    };

    /**
     * A declarative import ({@code tollgate config db_import}) over these ports, with a fresh node id, a
     * pass-through invalidation, cheap password hashing (1,000 iterations) and the test JSON codec.
     *
     * @param clock what stamps the imported entities' {@code created_at} / {@code updated_at}
     */
    public ConfigurationImport configurationImport(Clock clock) {
        return new ConfigurationImport(
                store,
                log,
                transactions,
                new LocalInvalidation(cache, List.of()),
                UUID.randomUUID(),
                workspace,
                clock,
                new PasswordHasher(1000),
                JacksonTestCodec.CODEC);
    }
}
