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
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * Compaction of {@code event_log} into {@code event_log_snapshot} (migration V6), in one short transaction:
 *
 * <ol>
 *   <li>{@code pg_try_advisory_xact_lock(}{@link #LOCK_KEY}{@code )}: if another session holds it, nothing is done
 *       ({@link Compaction.Busy}); the lock ends with the transaction;
 *   <li>the fold's end P: the last event that is readable ({@code tx_id < pg_snapshot_xmin(pg_current_snapshot())},
 *       as {@link JooqEventLog} reads: every transaction that could still add an event before it has ended) and
 *       appended before the cut-off ({@code occurred_at < now() - retention}). Events before P in log order that are
 *       younger than the cut-off are folded with it (the snapshot is a prefix of the log);
 *   <li>one statement folds the entity events in (snapshot position, P] into the snapshot: for each entity its last
 *       event ({@link LogState#LAST_EVENTS}) upserts its state, or removes it when that event is a delete;
 *   <li>{@code event_log_compaction} moves to P ({@code compacted_at}, {@code folded} += the events in the range).
 * </ol>
 *
 * <p>The folded events (forced target healths included) are deleted after that transaction commits, in batches of
 * their own transactions ({@link #DELETE_BATCH} rows each), so the folding transaction stays short whatever the
 * number of events: while a transaction holds a transaction id, events committed after it started are not readable
 * by followers. Deleting late is safe: readers, {@link LogState} and the replay start after the snapshot's position.
 * Rows an interrupted compaction left behind are deleted by the next one. Once deleted, a deleted entity's payload
 * (secrets included) is in neither the log nor the snapshot; PostgreSQL reclaims the dead rows' space on its next
 * (auto)vacuum.
 *
 * <p>Writers are never blocked: the fold reads old event rows and writes only the snapshot tables, which nothing else
 * writes; readers never wait on a lock.
 */
@Singleton
final class JooqLogCompaction implements LogCompaction {

    /**
     * The advisory lock that serialises compactions across the cluster: the bytes of "Tollgate" read as a big-endian
     * {@code bigint} ({@code 0x546f6c6c67617465}). Transaction-scoped, so a crashed compactor never keeps it.
     */
    static final long LOCK_KEY = 0x546f6c6c67617465L;

    /** Events deleted per transaction after the fold. */
    static final int DELETE_BATCH = 5_000;

    private static final String FOLD = "WITH last AS (" + LogState.LAST_EVENTS + "),"
            + " removed AS (DELETE FROM event_log_snapshot s USING last l"
            + " WHERE l.event_type = 'entity_deleted' AND s.entity_name = l.entity_name AND s.entity_id = l.entity_id"
            + " RETURNING 1),"
            + " upserted AS (INSERT INTO event_log_snapshot (entity_name, entity_id, entity)"
            + " SELECT entity_name, entity_id, entity FROM last WHERE event_type <> 'entity_deleted'"
            + " ON CONFLICT (entity_name, entity_id) DO UPDATE SET entity = EXCLUDED.entity RETURNING 1)"
            + " SELECT (SELECT count(*) FROM upserted), (SELECT count(*) FROM removed),"
            + " (SELECT count(*) FROM event_log WHERE (tx_id, id) > (?::xid8, ?) AND (tx_id, id) <= (?::xid8, ?))";

    private final DSLContext dsl;
    private final @Nullable InstantSource clock;
    private final int batch;

    /** Compaction whose cut-off is taken from the database's clock ({@code now()} of the folding transaction). */
    @Inject
    JooqLogCompaction(DSLContext dsl) {
        this(dsl, null, DELETE_BATCH);
    }

    /**
     * @param clock where "now" comes from for the cut-off; {@code null} for the database's {@code now()}
     * @param batch events deleted per transaction, at least 1
     */
    JooqLogCompaction(DSLContext dsl, @Nullable InstantSource clock, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.clock = clock;
        this.batch = batch;
    }

    @Override
    public Compaction compact(Duration retention) {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be greater than 0, got " + retention);
        }
        long started = System.nanoTime();
        long[] holdingSince = {0};
        Compaction folded = run(() -> dsl.transactionResult(() -> fold(retention, holdingSince)));
        long committed = System.nanoTime();
        return switch (folded) {
            case Compaction.Busy busy -> busy;
            case Compaction.UpToDate upToDate -> {
                deleteFolded(upToDate.snapshot());
                yield upToDate;
            }
            case Compaction.Folded f -> {
                long deleted = deleteFolded(f.to());
                long rows = run(() -> count("SELECT count(*) FROM event_log_snapshot"));
                yield new Compaction.Folded(
                        f.from(),
                        f.to(),
                        f.events(),
                        deleted,
                        rows,
                        Duration.ofNanos(System.nanoTime() - started),
                        Duration.ofNanos(committed - holdingSince[0]));
            }
        };
    }

    /**
     * The folding transaction's work; see the class comment. Runs inside {@code dsl.transactionResult}; sets
     * {@code holdingSince[0]} to the {@link System#nanoTime()} of its first write (when it takes a transaction id).
     */
    private Compaction fold(Duration retention, long[] holdingSince) {
        if (!Boolean.TRUE.equals(
                dsl.resultQuery("SELECT pg_try_advisory_xact_lock(?)", LOCK_KEY).fetchOne(0, Boolean.class))) {
            return new Compaction.Busy();
        }
        LogPosition snapshot = new LogState(dsl).snapshotPosition();
        OffsetDateTime cutOff = now().minus(retention).atOffset(ZoneOffset.UTC);
        Optional<LogPosition> end = dsl.resultQuery(
                        "SELECT tx_id::text, id FROM event_log"
                                + " WHERE tx_id < pg_snapshot_xmin(pg_current_snapshot()) AND occurred_at < ?::timestamptz"
                                + " AND (tx_id, id) > (?::xid8, ?) ORDER BY tx_id DESC, id DESC LIMIT 1",
                        cutOff,
                        Long.toUnsignedString(snapshot.transactionId()),
                        snapshot.eventId())
                .fetchOptional()
                .map(JooqLogCompaction::position);
        if (end.isEmpty()) {
            return new Compaction.UpToDate(snapshot);
        }
        LogPosition to = end.get();
        holdingSince[0] = System.nanoTime(); // the first write: a transaction id is held from here to the commit
        Object[] range = LogState.range(snapshot, to);
        Object[] bindings = new Object[range.length * 2];
        System.arraycopy(range, 0, bindings, 0, range.length);
        System.arraycopy(range, 0, bindings, range.length, range.length);
        Record counts = Objects.requireNonNull(dsl.resultQuery(FOLD, bindings).fetchOne());
        long events = counts.get(2, Long.class);
        dsl.execute(
                "UPDATE event_log_compaction SET tx_id = ?::xid8, event_id = ?, compacted_at = now(),"
                        + " folded = folded + ? WHERE id = 1",
                Long.toUnsignedString(to.transactionId()),
                to.eventId(),
                events);
        // deleted, snapshotRows, took and held are completed by the caller once the transaction has committed
        return new Compaction.Folded(snapshot, to, events, 0, 0, Duration.ZERO, Duration.ZERO);
    }

    /** Deletes the events at or before {@code snapshot}, {@link #batch} per transaction; returns how many. */
    private long deleteFolded(LogPosition snapshot) {
        long deleted = 0;
        int last;
        do {
            last = run(() -> dsl.execute(
                    "DELETE FROM event_log WHERE id IN"
                            + " (SELECT id FROM event_log WHERE (tx_id, id) <= (?::xid8, ?) LIMIT ?)",
                    Long.toUnsignedString(snapshot.transactionId()),
                    snapshot.eventId(),
                    batch));
            deleted += last;
        } while (last == batch);
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

    private static LogPosition position(Record r) {
        return new LogPosition(Long.parseUnsignedLong(r.get(0, String.class)), r.get(1, Long.class));
    }

    private static <T> T run(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
