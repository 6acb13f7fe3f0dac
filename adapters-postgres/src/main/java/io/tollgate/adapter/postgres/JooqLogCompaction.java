package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.port.out.LogCompaction;
import io.tollgate.application.port.out.LogPosition;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * Compaction of {@code event_log} into {@code event_log_snapshot} (migration V6). Each fold is one short transaction:
 *
 * <ol>
 *   <li>{@code pg_try_advisory_xact_lock(}{@link #LOCK_KEY}{@code )}: if another session holds it, nothing is done
 *       ({@link Compaction.Busy}); the lock ends with the transaction;
 *   <li>the fold's end P: among the committed events after the snapshot (readable as {@link JooqEventLog} reads them:
 *       a transaction that has not committed yet will take a later commit number, so nothing can still appear before
 *       P) and appended before the cut-off ({@code occurred_at < now() - retention}), the last one, or the {@link #FOLD_LIMIT}-th when there are more. Events before P in log order
 *       that are younger than the cut-off are folded with it: the snapshot is always a prefix of the log;
 *   <li>one statement folds the entity events in (snapshot position, P] into the snapshot: for each entity its last
 *       event ({@link LogState#LAST_EVENTS}) upserts its state, or removes it when that event is a delete;
 *   <li>{@code event_log_compaction} moves to P ({@code compacted_at}, {@code folded} += the events in the range).
 * </ol>
 *
 * <p>After each fold commits, the folded events (forced target healths included) are deleted in batches of
 * {@link #DELETE_BATCH}, each its own transaction; then the next fold runs if the last one stopped at its limit. So no
 * transaction grows with the size of the log. Deleting after the snapshot has moved is safe: readers,
 * {@link LogState} and the replay start after the snapshot's position, and rows an interrupted compaction left behind
 * are deleted by the next one. Once deleted, a deleted entity's payload (secrets included) is in neither the log nor
 * the snapshot; PostgreSQL reclaims the dead rows' space at its next (auto)vacuum.
 *
 * <p>Writers are never blocked: a fold reads old event rows and writes only the snapshot tables, which nothing else
 * writes, and the deletions touch only folded rows; readers never wait on a lock.
 */
@Singleton
final class JooqLogCompaction implements LogCompaction {

    /**
     * The advisory lock that serialises compactions across the cluster: the bytes of "Tollgate" read as a big-endian
     * {@code bigint} ({@code 0x546f6c6c67617465}). Transaction-scoped, so a crashed compactor never keeps it.
     */
    static final long LOCK_KEY = 0x546f6c6c67617465L;

    /** Old events folded per transaction at most (0.1 to 0.4 s of work on a loaded 2-core machine). */
    static final int FOLD_LIMIT = 10_000;

    /** Events deleted per transaction after a fold. */
    static final int DELETE_BATCH = 5_000;

    /**
     * The fold's end: the last of the first {@code limit} readable events older than the cut-off after the snapshot,
     * with how many there were. Parameters: the snapshot (commit number as text, id), the cut-off, the limit. The
     * ORDER BY is qualified: unqualified, {@code commit_seq} would name the selected {@code commit_seq::text} and
     * sort as text ("99" after "100").
     */
    private static final String END = "WITH old AS (SELECT commit_seq, id FROM event_log"
            + " WHERE (commit_seq, id) > (?::bigint, ?)"
            + " AND occurred_at < ?::timestamptz ORDER BY commit_seq, id LIMIT ?)"
            + " SELECT commit_seq::text, id, (SELECT count(*) FROM old) FROM old ORDER BY old.commit_seq DESC, old.id DESC LIMIT 1";

    /**
     * The fold: the snapshot's rows of the entities with events in (snapshot, P] are upserted with their last state or
     * removed; returns the rows upserted, removed, and the events in the range. Parameters: P twice (tx as text, id).
     */
    private static final String FOLD = "WITH snap AS (" + LogState.SNAPSHOT + "), last AS (" + LogState.LAST_EVENTS
            + "), removed AS (DELETE FROM event_log_snapshot s USING last l"
            + " WHERE l.event_type = 'entity_deleted' AND s.entity_name = l.entity_name AND s.entity_id = l.entity_id"
            + " RETURNING 1),"
            + " upserted AS (INSERT INTO event_log_snapshot (entity_name, entity_id, entity)"
            + " SELECT entity_name, entity_id, entity FROM last WHERE event_type <> 'entity_deleted'"
            + " ON CONFLICT (entity_name, entity_id) DO UPDATE SET entity = EXCLUDED.entity RETURNING 1)"
            + " SELECT (SELECT count(*) FROM upserted), (SELECT count(*) FROM removed),"
            + " (SELECT count(*) FROM event_log e, snap WHERE (e.commit_seq, e.id) > (snap.commit_seq, snap.event_id)"
            + " AND (e.commit_seq, e.id) <= (?::bigint, ?))";

    private final DSLContext dsl;
    private final @Nullable InstantSource clock;
    private final int foldLimit;
    private final int deleteBatch;

    /** Compaction whose cut-off is taken from the database's clock ({@code now()} of each folding transaction). */
    @Inject
    JooqLogCompaction(DSLContext dsl) {
        this(dsl, null, FOLD_LIMIT, DELETE_BATCH);
    }

    /**
     * @param clock where "now" comes from for the cut-off; {@code null} for the database's {@code now()}
     * @param foldLimit old events folded per transaction at most, at least 1
     * @param deleteBatch events deleted per transaction, at least 1
     */
    JooqLogCompaction(DSLContext dsl, @Nullable InstantSource clock, int foldLimit, int deleteBatch) {
        if (foldLimit < 1 || deleteBatch < 1) {
            throw new IllegalArgumentException(
                    "foldLimit and deleteBatch must be at least 1, got " + foldLimit + " and " + deleteBatch);
        }
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = clock;
        this.foldLimit = foldLimit;
        this.deleteBatch = deleteBatch;
    }

    /**
     * One fold transaction's outcome, with when it took a transaction id and whether it stopped at its limit (then
     * another fold follows).
     */
    private record Step(Compaction outcome, long holdingSince, boolean limited) {}

    @Override
    public Compaction compact(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be greater than 0, got " + retention);
        }
        long started = System.nanoTime();
        List<Compaction.Folded> folds = new ArrayList<>();
        long deleted = 0;
        Step step;
        do {
            step = run(() -> dsl.transactionResult(() -> fold(retention)));
            long committed = System.nanoTime();
            switch (step.outcome()) {
                case Compaction.Busy busy -> {}
                case Compaction.UpToDate upToDate -> deleted += deleteFolded(upToDate.snapshot());
                case Compaction.Folded folded -> {
                    folds.add(new Compaction.Folded(
                            folded.from(),
                            folded.to(),
                            folded.events(),
                            0,
                            0,
                            Duration.ZERO,
                            Duration.ofNanos(committed - step.holdingSince())));
                    deleted += deleteFolded(folded.to());
                }
            }
        } while (step.limited());
        if (folds.isEmpty()) {
            return step.outcome();
        }
        long rows = run(() -> count("SELECT count(*) FROM event_log_snapshot"));
        return new Compaction.Folded(
                folds.get(0).from(),
                folds.get(folds.size() - 1).to(),
                folds.stream().mapToLong(Compaction.Folded::events).sum(),
                deleted,
                rows,
                Duration.ofNanos(System.nanoTime() - started),
                folds.stream()
                        .map(Compaction.Folded::held)
                        .max(Duration::compareTo)
                        .orElseThrow());
    }

    /** One folding transaction; see the class comment. Runs inside {@code dsl.transactionResult}. */
    private Step fold(Duration retention) {
        if (!Boolean.TRUE.equals(
                dsl.resultQuery("SELECT pg_try_advisory_xact_lock(?)", LOCK_KEY).fetchOne(0, Boolean.class))) {
            return new Step(new Compaction.Busy(), 0, false);
        }
        LogPosition snapshot = new LogState(dsl).snapshotPosition();
        OffsetDateTime cutOff = now().minus(retention).atOffset(ZoneOffset.UTC);
        Optional<Record> end = dsl.resultQuery(
                        END, Long.toUnsignedString(snapshot.commit()), snapshot.eventId(), cutOff, foldLimit)
                .fetchOptional();
        if (end.isEmpty()) {
            return new Step(new Compaction.UpToDate(snapshot), 0, false);
        }
        LogPosition to = new LogPosition(
                Long.parseUnsignedLong(end.get().get(0, String.class)),
                end.get().get(1, Long.class));
        boolean limited = end.get().get(2, Long.class) >= foldLimit;
        long holdingSince = System.nanoTime(); // the first write: a transaction id is held from here to the commit
        String tx = Long.toUnsignedString(to.commit());
        Record counts = Objects.requireNonNull(
                dsl.resultQuery(FOLD, tx, to.eventId(), tx, to.eventId()).fetchOne());
        long events = counts.get(2, Long.class);
        dsl.execute(
                "UPDATE event_log_compaction SET commit_seq = ?::bigint, event_id = ?, compacted_at = now(),"
                        + " folded = folded + ? WHERE id = 1",
                Long.toUnsignedString(to.commit()),
                to.eventId(),
                events);
        // deleted, snapshotRows, took and held are filled in by compact() once the transaction has committed
        return new Step(
                new Compaction.Folded(snapshot, to, events, 0, 0, Duration.ZERO, Duration.ZERO), holdingSince, limited);
    }

    /** Deletes the events at or before {@code snapshot}, {@link #deleteBatch} per transaction; returns how many. */
    private long deleteFolded(LogPosition snapshot) {
        long deleted = 0;
        int last;
        do {
            last = run(() -> dsl.execute(
                    "DELETE FROM event_log WHERE id IN"
                            + " (SELECT id FROM event_log WHERE (commit_seq, id) <= (?::bigint, ?) LIMIT ?)",
                    Long.toUnsignedString(snapshot.commit()),
                    snapshot.eventId(),
                    deleteBatch));
            deleted += last;
        } while (last == deleteBatch);
        return deleted;
    }

    private Instant now() {
        if (clock != null) {
            return clock.instant();
        }
        return Objects.requireNonNull(dsl.resultQuery("SELECT now()").fetchOne(0, OffsetDateTime.class))
                .toInstant();
    }

    private long count(String sql) {
        return Objects.requireNonNull(dsl.resultQuery(sql).fetchOne(0, Long.class));
    }

    private static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
