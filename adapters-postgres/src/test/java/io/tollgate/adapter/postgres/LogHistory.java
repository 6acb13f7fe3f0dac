package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Test access to the log's positions and moments, and a stand-in for compaction (which another change builds): folds
 * the log up to a position into {@code event_log_snapshot} the way the migration describes it.
 */
final class LogHistory {

    private final DSLContext dsl;

    LogHistory(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The position of the last event in the log ({@code START} when empty). */
    LogPosition last() {
        return dsl.resultQuery(
                        "SELECT commit_seq::text AS tx_text, id FROM event_log ORDER BY commit_seq DESC, id DESC LIMIT 1")
                .fetchOptional(
                        r -> new LogPosition(Long.parseUnsignedLong(r.get(0, String.class)), r.get(1, Long.class)))
                .orElse(LogPosition.START);
    }

    /** When the event at {@code position} was appended. */
    Instant occurredAt(LogPosition position) {
        return dsl.resultQuery(
                        "SELECT occurred_at FROM event_log WHERE (commit_seq, id) = (?::bigint, ?)",
                        Long.toUnsignedString(position.commit()),
                        position.eventId())
                .fetchSingle(0, OffsetDateTime.class)
                .toInstant();
    }

    /**
     * Compaction as the migration defines it: the state at {@code position} into {@code event_log_snapshot}, the
     * position into {@code event_log_compaction}, and every event at or before it deleted; in one transaction.
     */
    void compactUpTo(LogPosition position) {
        Map<EntityKind, List<Entity>> state = new LogState(dsl).at(position);
        dsl.transaction(c -> {
            DSLContext tx = c.dsl();
            tx.execute("DELETE FROM event_log_snapshot");
            for (List<Entity> entities : state.values()) {
                for (Entity entity : entities) {
                    tx.execute(
                            "INSERT INTO event_log_snapshot (entity_name, entity_id, entity) VALUES (?, ?, ?::jsonb)",
                            entity.schema().name(),
                            entity.id(),
                            JsonCodec.write(entity.fields()).data());
                }
            }
            int folded = tx.execute(
                    "DELETE FROM event_log WHERE (commit_seq, id) <= (?::bigint, ?)",
                    Long.toUnsignedString(position.commit()),
                    position.eventId());
            tx.execute(
                    "UPDATE event_log_compaction SET commit_seq = ?::bigint, event_id = ?, compacted_at = clock_timestamp(),"
                            + " folded = folded + ? WHERE id = 1",
                    Long.toUnsignedString(position.commit()),
                    position.eventId(),
                    folded);
        });
    }

    /**
     * Moves the events {@code first} and {@code second} (ids) to transactions 9 and 10: their log order then differs
     * from their order as text ({@code '10' < '9'}), which a query ordering by a column's text form would get wrong.
     */
    void acrossADigitBoundary(long first, long second) {
        dsl.execute("UPDATE event_log SET commit_seq = 9 WHERE id = ?", first);
        dsl.execute("UPDATE event_log SET commit_seq = 10 WHERE id = ?", second);
    }

    /** Forgets any compaction (the tests share one database). */
    void uncompact() {
        dsl.execute("DELETE FROM event_log_snapshot");
        dsl.execute("UPDATE event_log_compaction SET commit_seq = 0, event_id = 0, compacted_at = NULL, folded = 0");
    }
}
