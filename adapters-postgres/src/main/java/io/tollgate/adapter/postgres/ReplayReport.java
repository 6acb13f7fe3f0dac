package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.LogPosition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What replaying the event log into a fresh schema gave, compared with the live tables ({@link EventLogReplay}).
 *
 * @param schema the schema the log was replayed into
 * @param kept whether that schema was kept for inspection (otherwise it has been dropped); a failed replay keeps
 *        it migrated but empty
 * @param snapshotRows entities restored from the compaction snapshot
 * @param events entity events projected after the snapshot's position
 * @param skipped events after the snapshot that change no entity (forced target healths), read and passed over
 * @param tables one line per entity table, in the catalogue's order (none when the replay failed)
 * @param failure the snapshot entity or event whose projection failed (the replay stopped there), or {@code null}
 * @param took how long the replay and the comparison took
 */
public record ReplayReport(
        String schema,
        boolean kept,
        long snapshotRows,
        long events,
        long skipped,
        List<Table> tables,
        @Nullable Failure failure,
        Duration took) {

    public ReplayReport {
        Objects.requireNonNull(schema, "schema");
        tables = List.copyOf(tables);
        Objects.requireNonNull(took, "took");
    }

    /** Whether the replay ran to the end and every table holds exactly the live rows. */
    public boolean identical() {
        return failure == null && tables.stream().allMatch(Table::identical);
    }

    /**
     * One entity table: its row counts and the ids of rows that differ (present on one side only, or with other
     * column values), the first {@link EventLogReplay#MAX_LISTED} of them by id.
     *
     * @param differing how many ids differ
     */
    public record Table(String name, long liveRows, long replayedRows, long differing, List<UUID> differingIds) {
        public Table {
            Objects.requireNonNull(name, "name");
            differingIds = List.copyOf(differingIds);
        }

        /** Whether the replayed table holds exactly the live rows. */
        public boolean identical() {
            return differing == 0 && liveRows == replayedRows;
        }
    }

    /**
     * The row of the log the replay could not project.
     *
     * @param position the event's position, or {@code null} for an entity of the compaction snapshot
     * @param type the event type ({@code entity_created}, …) or {@code snapshot}
     * @param entityName the entity's kind ({@code services}, …)
     * @param entityId the entity's id, or {@code null} when the row names none
     * @param reason why (the projection's error message)
     */
    public record Failure(
            @Nullable LogPosition position,
            String type,
            @Nullable String entityName,
            @Nullable UUID entityId,
            String reason) {

        public Failure {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(reason, "reason");
        }

        /** One line, e.g. {@code event 812:40 (entity_updated routes <id>) could not be projected: <reason>}. */
        public String describe() {
            String what = type + " " + entityName + " " + entityId;
            return (position == null ? "snapshot entity (" + what + ")" : "event " + position + " (" + what + ")")
                    + " could not be projected: " + reason;
        }
    }
}
