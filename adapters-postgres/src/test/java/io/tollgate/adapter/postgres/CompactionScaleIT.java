package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Compaction at scale, the measurement behind the README's "Compaction" numbers: {@code N} routes and {@code N}
 * consumers written through the event log (500 appends per transaction, to write fast), then one compaction. Prints
 * the size of {@code event_log} before, after the compaction and after a plain {@code VACUUM}, the compaction's
 * duration, how long its folding transaction held a transaction id, and the snapshot's size.
 *
 * <p>{@code N} is {@code -Dtollgate.compaction.scale} (default 100, a few seconds in the normal suite); the
 * measurement run uses 10,000:
 * {@code ./mvnw -o verify -pl adapters-postgres -Dtest=none -Dit.test=CompactionScaleIT -Dtollgate.compaction.scale=10000}
 * ({@code -Dtollgate.compaction.fold-limit} and {@code -Dtollgate.compaction.delete-batch} change the events per
 * transaction, to compare).
 */
class CompactionScaleIT extends DatabaseIT {

    private static final int SCALE = Integer.getInteger("tollgate.compaction.scale", 100);
    private static final int FOLD_LIMIT =
            Integer.getInteger("tollgate.compaction.fold-limit", JooqLogCompaction.FOLD_LIMIT);
    private static final int DELETE_BATCH =
            Integer.getInteger("tollgate.compaction.delete-batch", JooqLogCompaction.DELETE_BATCH);
    private static final int PER_TRANSACTION = 500;

    @Test
    void compacts_n_routes_and_n_consumers() {
        Entity svc = service("svc");
        List<Entity> entities = new ArrayList<>();
        entities.add(svc);
        for (int i = 0; i < SCALE; i++) {
            entities.add(route("r" + i, svc));
            entities.add(consumer("c" + i, null));
        }
        long writing = System.nanoTime();
        for (int from = 0; from < entities.size(); from += PER_TRANSACTION) {
            List<Entity> chunk = entities.subList(from, Math.min(entities.size(), from + PER_TRANSACTION));
            db.transactions.inTransaction(() -> {
                chunk.forEach(e -> db.eventLog.append(EventWrites.NODE, new EntityCreated(e)));
                return null;
            });
        }
        Duration wrote = Duration.ofNanos(System.nanoTime() - writing);
        db.dsl.execute("ANALYZE event_log");
        long before = size("event_log");
        LogPosition head = db.eventLog.head();

        Compaction outcome = new JooqLogCompaction(
                        db.dsl,
                        () -> Instant.now().plus(Duration.ofDays(1)),
                        JooqLogCompaction.FOLD_LIMIT,
                        JooqLogCompaction.DELETE_BATCH)
                .compact(Duration.ofHours(1));

        assertThat(outcome).isInstanceOf(Compaction.Folded.class);
        Compaction.Folded folded = (Compaction.Folded) outcome;
        assertThat(folded.to()).isEqualTo(head);
        assertThat(folded.events()).isEqualTo(entities.size());
        assertThat(folded.snapshotRows()).isEqualTo(entities.size());
        long afterCompaction = size("event_log");
        db.dsl.execute("VACUUM event_log");
        long afterVacuum = size("event_log");
        long snapshot = size("event_log_snapshot");
        Map<EntityKind, List<Entity>> state = new LogState(db.dsl).at(db.eventLog.head());
        assertThat(state.get(EntityKind.ROUTES)).hasSize(SCALE);
        assertThat(state.get(EntityKind.CONSUMERS)).hasSize(SCALE);

        System.out.printf(
                "compaction (fold limit %,d, delete batch %,d) of %,d routes + %,d consumers (%,d events, written in %d ms): event_log %s before,"
                        + " %s after the compaction, %s after VACUUM; compaction took %d ms, its transaction held a"
                        + " transaction id for %d ms at most (the batched deletion of %,d rows: most of the rest); snapshot %s"
                        + " (%,d rows)%n",
                FOLD_LIMIT,
                DELETE_BATCH,
                SCALE,
                SCALE,
                entities.size(),
                wrote.toMillis(),
                mib(before),
                mib(afterCompaction),
                mib(afterVacuum),
                folded.took().toMillis(),
                folded.held().toMillis(),
                folded.deleted(),
                mib(snapshot),
                folded.snapshotRows());
    }

    private static long size(String table) {
        return Objects.requireNonNull(db.dsl
                .resultQuery("SELECT pg_total_relation_size(?::regclass)", table)
                .fetchOne(0, Long.class));
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1024.0 / 1024.0);
    }
}
