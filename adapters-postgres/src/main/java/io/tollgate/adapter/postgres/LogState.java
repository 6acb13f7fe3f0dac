package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * The configuration as the event log says it was at a position: the compaction snapshot ({@code event_log_snapshot},
 * the state at the snapshot's position) folded with the entity events after the snapshot up to that position (for each
 * entity its last event wins; a delete removes it). Used to take the next snapshot, to replay the log and to export the
 * configuration of a past moment ({@code tollgate config export --at}).
 *
 * <p>Order: events are folded in log order {@code (commit_seq, id)}, which is commit order (migration V9): of two
 * transactions that change the same entity, the second waits for the first's row lock, so commits, and takes its
 * commit number, after it. (Logs written before V9 were ordered by transaction id, which could differ; the replay
 * check, {@link EventLogReplay}, reports such a divergence.)
 *
 * <p>Moments: an event's moment is its {@code occurred_at} (when it was appended, the database server's clock, in
 * microseconds), not its commit. The state at a moment is the state at the last position appended at or before it,
 * so the changes of concurrent transactions within the same few milliseconds may land on either side of a moment.
 *
 * <p>Thread-safe; every read is one statement (one consistent view of the log and its snapshot), or several that
 * each stay correct when a compaction commits in between.
 */
public final class LogState {

    private static final String ENTITY_TYPES = "('entity_created', 'entity_updated', 'entity_deleted')";

    /**
     * The snapshot's position as a one-row CTE body ({@code commit_seq}, {@code event_id}; 0/0 without the compaction
     * row), for {@link #LAST_EVENTS}, which reads it as {@code snap}.
     */
    static final String SNAPSHOT = "SELECT commit_seq, event_id FROM event_log_compaction WHERE id = 1"
            + " UNION ALL SELECT 0::bigint, 0 WHERE NOT EXISTS (SELECT 1 FROM event_log_compaction WHERE id = 1)";

    /**
     * A CTE body: for each entity with an entity event after the snapshot ({@code snap}, {@link #SNAPSHOT}) up to a
     * position (parameters: its commit number, its event id), its last such event: {@code entity_name},
     * {@code entity_id}, {@code event_type} and {@code entity} (the state the event left; for a delete, the state it
     * had). Shared by {@link #at} and the compaction's fold ({@link JooqLogCompaction}), so the snapshot is folded
     * exactly as the state at a position is computed.
     */
    static final String LAST_EVENTS = "SELECT DISTINCT ON (e.entity_name, e.entity_id) e.entity_name,"
            + " e.entity_id, e.event_type, e.payload -> 'entity' AS entity FROM event_log e, snap"
            + " WHERE e.event_type IN " + ENTITY_TYPES
            + " AND (e.commit_seq, e.id) > (snap.commit_seq, snap.event_id)"
            + " AND (e.commit_seq, e.id) <= (?::bigint, ?)"
            + " ORDER BY e.entity_name, e.entity_id, e.commit_seq DESC, e.id DESC";

    private final DSLContext dsl;

    LogState(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The log of {@code database} (connected and migrated), for a tool outside a node's object graph. */
    public static LogState of(PostgresDatabase database) {
        return of(database, database.toolOutages());
    }

    /**
     * The log of {@code database} (connected and migrated), its connections failing fast during the outages of
     * {@code outages} (a node's).
     */
    public static LogState of(PostgresDatabase database, DatabaseOutages outages) {
        return new LogState(PostgresAdapterModule.dslContext(database, outages));
    }

    /**
     * The earliest position and moment the log can tell the state at ({@link Horizon}).
     *
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public Horizon horizon() {
        return run(() -> dsl.resultQuery("SELECT c.commit_seq::text, c.event_id, c.compacted_at,"
                        + " (SELECT e.occurred_at FROM event_log e"
                        + "  WHERE (e.commit_seq, e.id) = (c.commit_seq, c.event_id)) AS at_snapshot,"
                        + " (SELECT e.occurred_at FROM event_log e WHERE (e.commit_seq, e.id) > (c.commit_seq, c.event_id)"
                        + "  ORDER BY e.commit_seq, e.id LIMIT 1) AS first_after"
                        + " FROM event_log_compaction c WHERE c.id = 1")
                .fetchOptional()
                .map(r -> {
                    LogPosition snapshot = position(r, 0);
                    if (snapshot.equals(LogPosition.START)) {
                        return Horizon.WHOLE;
                    }
                    Instant atSnapshot = instant(r, 3);
                    if (atSnapshot != null) {
                        return new Horizon(snapshot, atSnapshot);
                    }
                    Instant compacted = instant(r, 2);
                    Instant firstAfter = instant(r, 4);
                    Instant bound = compacted == null
                            ? firstAfter
                            : firstAfter == null || compacted.isBefore(firstAfter) ? compacted : firstAfter;
                    return new Horizon(snapshot, bound);
                })
                .orElse(Horizon.WHOLE));
    }

    /** The position the snapshot stands at: every event at or before it has been folded ({@code START}: none). */
    LogPosition snapshotPosition() {
        return run(() -> dsl.resultQuery("SELECT commit_seq::text, event_id FROM event_log_compaction WHERE id = 1")
                .fetchOptional()
                .map(r -> position(r, 0))
                .orElse(LogPosition.START));
    }

    /**
     * The position of the last event appended at or before {@code epochSeconds} (the snapshot's position when every
     * such event has been folded into it), or empty when the log holds nothing from that moment.
     *
     * <p>Not a check that the log can tell the state at that moment: a moment before the snapshot also gives the
     * snapshot's position. {@link #configurationAt(Instant)} checks it against the {@link #horizon()}.
     */
    Optional<LogPosition> positionAt(double epochSeconds) {
        BigDecimal seconds = BigDecimal.valueOf(epochSeconds);
        BigDecimal whole = new BigDecimal(seconds.toBigInteger());
        return positionAt(Instant.ofEpochSecond(
                whole.longValueExact(),
                seconds.subtract(whole).movePointRight(9).longValue()));
    }

    /** {@link #positionAt(double)} of an instant (microseconds count; PostgreSQL keeps no more). */
    Optional<LogPosition> positionAt(Instant moment) {
        Record row = run(() -> dsl.resultQuery(
                        "SELECT c.commit_seq::text, c.event_id, l.commit_seq::text, l.id FROM event_log_compaction c"
                                + " LEFT JOIN LATERAL (SELECT commit_seq, id FROM event_log WHERE occurred_at <= ?::timestamptz"
                                + " AND commit_seq IS NOT NULL"
                                + " ORDER BY commit_seq DESC, id DESC LIMIT 1) l ON true WHERE c.id = 1",
                        OffsetDateTime.ofInstant(moment, ZoneOffset.UTC))
                .fetchOne());
        if (row == null) {
            throw new IllegalStateException("event_log_compaction has no row; run the migrations");
        }
        LogPosition snapshot = position(row, 0);
        Optional<LogPosition> last = row.get(2) == null ? Optional.empty() : Optional.of(position(row, 2));
        if (last.isPresent() && last.get().compareTo(snapshot) > 0) {
            return last;
        }
        return snapshot.equals(LogPosition.START) ? last : Optional.of(snapshot);
    }

    /**
     * Every entity alive at {@code position}, by kind in the catalogue's order (every kind present, maybe empty), each
     * kind's entities by id. The snapshot and the events are read in one statement, so a compaction that commits
     * meanwhile cannot mix two snapshots.
     *
     * @throws CompactedAway when {@code position} is before the snapshot (its events are folded away)
     */
    Map<EntityKind, List<Entity>> at(LogPosition position) {
        String tx = Long.toUnsignedString(position.commit());
        List<Record> rows = run(() -> dsl.resultQuery(
                        "WITH snap AS (" + SNAPSHOT + "), last AS (" + LAST_EVENTS + ")"
                                + " SELECT 0 AS part, snap.commit_seq::text AS tx, snap.event_id, NULL::varchar AS name,"
                                + " NULL::uuid AS id, NULL::jsonb AS entity FROM snap"
                                + " UNION ALL SELECT 1, NULL, NULL, entity_name, entity_id, entity FROM last"
                                + " WHERE event_type <> 'entity_deleted'"
                                + " UNION ALL SELECT 1, NULL, NULL, s.entity_name, s.entity_id, s.entity"
                                + " FROM event_log_snapshot s"
                                + " WHERE (SELECT (commit_seq, event_id) <= (?::bigint, ?) FROM snap)"
                                + " AND NOT EXISTS (SELECT 1 FROM last l"
                                + " WHERE l.entity_name = s.entity_name AND l.entity_id = s.entity_id)"
                                + " ORDER BY 1, 4, 5",
                        tx,
                        position.eventId(),
                        tx,
                        position.eventId())
                .fetch());
        LogPosition snapshot = position(rows.get(0), 1);
        if (position.compareTo(snapshot) < 0) {
            throw new CompactedAway(position, horizon());
        }
        Map<EntityKind, List<Entity>> state = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            state.put(kind, new ArrayList<>());
        }
        for (Record row : rows.subList(1, rows.size())) {
            String name = row.get(3, String.class);
            EntityKind kind = EntityKind.byKongName(name)
                    .orElseThrow(() -> new IllegalStateException("the event log holds an entity of unknown kind '"
                            + name + "' (written by a newer Tollgate?)"));
            EntitySchema schema = Schemas.of(kind);
            state.get(kind).add(new Entity(schema, JsonCodec.readFields(schema, row.get(5, JSONB.class))));
        }
        return state;
    }

    /**
     * The configuration at {@code moment}: the state at the last position appended at or before it.
     *
     * @throws CompactedAway when {@code moment} is before the {@link #horizon()}'s moment (or the snapshot's moment
     *         is unknown: then only positions can be asked for)
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public PastConfiguration configurationAt(Instant moment) {
        Objects.requireNonNull(moment, "moment");
        Horizon horizon = horizon();
        if (!horizon.tells(moment)) {
            throw new CompactedAway(moment, horizon);
        }
        LogPosition position = positionAt(moment).orElse(LogPosition.START);
        return new PastConfiguration(position, moment, at(position));
    }

    /**
     * The configuration at {@code position}, with the moment of the last event appended at or before it (the
     * horizon's moment when the snapshot holds it; {@code null} when nothing was ever appended before it).
     *
     * @throws CompactedAway when {@code position} is before the snapshot
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public PastConfiguration configurationAt(LogPosition position) {
        Objects.requireNonNull(position, "position");
        Map<EntityKind, List<Entity>> entities = at(position);
        Instant moment = run(() -> dsl.resultQuery(
                        "SELECT occurred_at FROM event_log WHERE (commit_seq, id) <= (?::bigint, ?)"
                                + " ORDER BY commit_seq DESC, id DESC LIMIT 1",
                        Long.toUnsignedString(position.commit()),
                        position.eventId())
                .fetchOptional()
                .map(r -> instant(r, 0))
                .orElse(null));
        return new PastConfiguration(
                position, moment != null ? moment : horizon().moment(), entities);
    }

    /**
     * The configuration now (the database server's clock): every event committed so far.
     *
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public PastConfiguration configurationNow() {
        Instant now = run(() -> Objects.requireNonNull(
                instant(dsl.resultQuery("SELECT clock_timestamp()").fetchOne(), 0)));
        return configurationAt(now);
    }

    private static LogPosition position(Record r, int first) {
        return new LogPosition(Long.parseUnsignedLong(r.get(first, String.class)), r.get(first + 1, Long.class));
    }

    private static @Nullable Instant instant(@Nullable Record r, int index) {
        OffsetDateTime value = r == null ? null : r.get(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static <T> T run(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }

    /**
     * The earliest state the log can tell: the snapshot's position, and a moment at or after the snapshot's (its
     * event's {@code occurred_at} while that row is kept, otherwise the earlier of when the snapshot was taken and the
     * first event after it); {@code null} moment = unknown. A whole log ({@link #WHOLE}) tells every position and
     * moment.
     *
     * @param position the snapshot's position ({@code START} for a whole log)
     * @param moment the earliest moment a configuration can be asked for, or {@code null} (whole log: any moment;
     *        compacted log: only positions at or after the snapshot's)
     */
    public record Horizon(LogPosition position, @Nullable Instant moment) {

        /** The log has never been compacted: every event since the first one is kept. */
        public static final Horizon WHOLE = new Horizon(LogPosition.START, null);

        public Horizon {
            Objects.requireNonNull(position, "position");
        }

        /** Whether the state at {@code moment} can be told. */
        public boolean tells(Instant moment) {
            if (position.equals(LogPosition.START)) {
                return true;
            }
            return this.moment != null && !moment.isBefore(this.moment);
        }
    }
}
