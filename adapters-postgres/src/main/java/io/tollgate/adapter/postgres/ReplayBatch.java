package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.shared.NotFound;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * The replay's projections, sent {@link #SIZE} rows to a round trip: the same statements as live writes
 * ({@link Projections#statement}) in one JDBC batch behind a savepoint. When a batch fails, it is rolled back to the
 * savepoint and its rows are projected again one at a time, as live writes project them, to name the row that fails
 * and say why in the live writes' words (a unique or foreign key violation, a missing row).
 */
final class ReplayBatch {

    /** Rows per batch: large enough that round trips stop mattering, small enough to re-run one quickly. */
    static final int SIZE = 250;

    private final Connection connection;
    private final DSLContext dsl;
    private final Projections projections;
    private final List<Row> rows = new ArrayList<>();
    private long projectedEvents;

    ReplayBatch(Connection connection, DSLContext dsl, Projections projections) {
        this.connection = connection;
        this.dsl = dsl;
        this.projections = projections;
    }

    /** An entity of the compaction snapshot to insert. */
    ReplayReport.@Nullable Failure restore(Entity entity) {
        return add(new Row(null, "snapshot", entity, null, projections.restoreStatement(dsl, entity)));
    }

    /** An entity event of the log at {@code position}, stored as {@code type}. */
    ReplayReport.@Nullable Failure apply(LogPosition position, String type, EntityEvent event) {
        return add(new Row(position, type, event.entity(), event, projections.statement(dsl, event)));
    }

    /**
     * Sends the rows not sent yet.
     *
     * @return the row whose projection failed (the transaction is then unusable), or {@code null}
     * @throws DatabaseUnavailable when the connection fails
     */
    ReplayReport.@Nullable Failure flush() {
        if (rows.isEmpty()) {
            return null;
        }
        try {
            Savepoint savepoint = connection.setSavepoint();
            int[] counts;
            try {
                counts = dsl.batch(rows.stream().map(Row::query).toList()).execute();
            } catch (DataAccessException e) {
                if (SqlFailures.isUnavailable(e)) {
                    throw SqlFailures.translate(e);
                }
                connection.rollback(savepoint);
                return oneByOne(e);
            }
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).mustChangeARow() && i < counts.length && counts[i] == 0) {
                    projectedEvents += rows.subList(0, i).stream()
                            .filter(row -> row.event() != null)
                            .count();
                    return rows.get(i)
                            .failure(NotFound.byPrimaryKey(
                                            rows.get(i).entity().id().toString())
                                    .getMessage());
                }
            }
            connection.releaseSavepoint(savepoint);
            projectedEvents += rows.stream().filter(row -> row.event() != null).count();
            rows.clear();
            return null;
        } catch (SQLException e) {
            throw SqlFailures.translate(new DataAccessException(e.getMessage(), e));
        }
    }

    /** Entity events projected so far (sent in a batch that went through, or before the failing row). */
    long projectedEvents() {
        return projectedEvents;
    }

    private ReplayReport.@Nullable Failure add(Row row) {
        rows.add(row);
        return rows.size() >= SIZE ? flush() : null;
    }

    /** Projects the batch's rows one at a time, as live writes do, to find the one that fails. */
    private ReplayReport.Failure oneByOne(DataAccessException batchFailure) {
        for (Row row : rows) {
            try {
                EntityEvent event = row.event();
                if (event == null) {
                    projections.restore(dsl, row.entity());
                } else {
                    projections.apply(dsl, event);
                }
            } catch (DatabaseUnavailable e) {
                throw e;
            } catch (RuntimeException e) {
                projectedEvents += rows.subList(0, rows.indexOf(row)).stream()
                        .filter(r -> r.event() != null)
                        .count();
                String message = e.getMessage();
                return row.failure(
                        message == null || message.isBlank() ? e.getClass().getSimpleName() : message.strip());
            }
        }
        // Every row passed alone: say what the batch said, on its last row.
        return rows.get(rows.size() - 1).failure("the batch ending here failed: " + batchFailure.getMessage());
    }

    /**
     * One row to project.
     *
     * @param position the event's position, or {@code null} for a snapshot entity
     * @param event the event, or {@code null} for a snapshot entity (inserted)
     */
    private record Row(
            @Nullable LogPosition position,
            String type,
            Entity entity,
            @Nullable EntityEvent event,
            Query query) {

        /** An update must find its row; a create inserts one or fails; a delete of a missing row does nothing. */
        boolean mustChangeARow() {
            return event != null
                    && switch (event) {
                        case EntityUpdated updated -> true;
                        case EntityCreated created -> false;
                        case EntityDeleted deleted -> false;
                    };
        }

        ReplayReport.Failure failure(String reason) {
            return new ReplayReport.Failure(position, type, entity.schema().name(), entity.id(), reason);
        }
    }
}
