package io.tollgate.adapter.postgres;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What replaying the event log into a fresh schema gave, compared with the live tables ({@link EventLogReplay}).
 *
 * @param schema the schema the log was replayed into (dropped afterwards unless kept)
 * @param snapshotRows entities restored from the compaction snapshot
 * @param events events replayed after the snapshot's position
 * @param tables one line per entity table, in the catalogue's order (none when the replay failed)
 * @param failure why the replay stopped early (an event whose projection failed), or {@code null}
 * @param took how long the replay and the comparison took
 */
public record ReplayReport(
        String schema,
        long snapshotRows,
        long events,
        List<Table> tables,
        @Nullable String failure,
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
     * column values), at most {@link EventLogReplay#MAX_LISTED} of them.
     */
    public record Table(String name, long liveRows, long replayedRows, long differing, List<UUID> differingIds) {
        public Table {
            differingIds = List.copyOf(differingIds);
        }

        public boolean identical() {
            return differing == 0 && liveRows == replayedRows;
        }
    }
}
