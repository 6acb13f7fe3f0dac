package io.tollgate.adapter.postgres;

import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.NotFound;
import io.tollgate.domain.shared.PrimaryKeyViolation;
import io.tollgate.domain.shared.UniqueViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.ServerErrorMessage;

/**
 * Projects the entity events of one kind onto its table (layout in {@link EntityTable}): a create inserts the row,
 * an update replaces it, a delete removes it. The only code that writes entity rows. Constraint violations become
 * Kong's rejections: 23505 → {@link UniqueViolation}, 23503 (and 23001 from a restricted delete) →
 * {@link ForeignKeyViolation}; connection failures → {@link io.tollgate.application.port.DatabaseUnavailable}.
 */
final class TableProjector {

    private final EntityTable table;
    private final WorkspaceId workspace;

    /** {@link #insertLogged}'s statement per context (the live schema's; a replay's renders its own). */
    private final Map<DSLContext, String> loggedInserts = new ConcurrentHashMap<>();

    TableProjector(EntityTable table, WorkspaceId workspace) {
        this.table = table;
        this.workspace = workspace;
    }

    /** Applies one event of this projector's kind through {@code dsl} (the caller's transaction). */
    void apply(DSLContext dsl, EntityEvent event) {
        apply(dsl, event, null);
    }

    /**
     * As {@link #apply(DSLContext, EntityEvent)}, with {@code logged} (the event's insert into the log, not executed)
     * sent in the same statement, as a data-modifying {@code WITH} before the projection: one round trip for the
     * event and its row, which succeed or fail together. Failures are reported as for the projection alone.
     *
     * @param logged the statement appending the event, or {@code null} to project only
     */
    void apply(DSLContext dsl, EntityEvent event, @Nullable Query logged) {
        switch (event) {
            case EntityCreated created -> insert(dsl, created.entity(), logged);
            case EntityUpdated updated -> update(dsl, updated.entity(), logged);
            case EntityDeleted deleted -> delete(dsl, deleted.entity(), logged);
        }
    }

    /** {@code projection}, preceded in one statement by {@code logged} when there is one. */
    private static Query withLogged(DSLContext dsl, @Nullable Query logged, Query projection) {
        return logged == null ? projection : dsl.query("WITH logged AS ({0}) {1}", logged, projection);
    }

    /**
     * The statement that projects {@code event}, not executed: the replay sends many in one batch. The same
     * statements {@link #apply} executes.
     */
    Query statement(DSLContext dsl, EntityEvent event) {
        return switch (event) {
            case EntityCreated created -> insertQuery(dsl, created.entity());
            case EntityUpdated updated -> updateQuery(dsl, updated.entity());
            case EntityDeleted deleted -> deleteQuery(dsl, deleted.entity());
        };
    }

    /** Inserts a row as it stands (replaying a snapshot). */
    void insert(DSLContext dsl, Entity entity) {
        insert(dsl, entity, null);
    }

    private void insert(DSLContext dsl, Entity entity, @Nullable Query logged) {
        write(entity, () -> withLogged(dsl, logged, insertQuery(dsl, entity)).execute());
    }

    /**
     * Appends an {@link EntityCreated} and inserts its row in one statement, as {@link #apply(DSLContext, EntityEvent,
     * Query)} does, through a statement rendered by jOOQ once per context and then bound and run as a plain prepared
     * statement: rendering it on every write took about a sixth of the node's CPU for an Admin API route creation
     * (JFR profile of {@code bench/admin-bench}).
     *
     * @param loggedTemplate the event's insert with one bind value per column (any values)
     * @param loggedValues the event's values for those bind values, in order
     */
    void insertLogged(DSLContext dsl, Entity entity, Supplier<Query> loggedTemplate, List<?> loggedValues) {
        Map<Field<?>, @Nullable Object> row = columnValues(entity);
        String sql = loggedInserts.computeIfAbsent(dsl, d -> {
            Map<Field<?>, Object> binds = new LinkedHashMap<>();
            row.keySet().forEach(column -> binds.put(column, DSL.val(null, column)));
            return d.render(withLogged(
                    d, loggedTemplate.get(), d.insertInto(table.table()).set(binds)));
        });
        List<@Nullable Object> values = new ArrayList<>(loggedValues);
        values.addAll(row.values());
        write(entity, () -> PlainStatements.update(dsl, sql, values));
    }

    /** The statement inserting {@code entity}'s row, not executed. */
    Query insertQuery(DSLContext dsl, Entity entity) {
        return dsl.insertInto(table.table()).set(columnValues(entity));
    }

    private void update(DSLContext dsl, Entity entity, @Nullable Query logged) {
        int updated = write(
                entity, () -> withLogged(dsl, logged, updateQuery(dsl, entity)).execute());
        if (updated == 0) {
            throw NotFound.byPrimaryKey(entity.id().toString());
        }
    }

    private Query updateQuery(DSLContext dsl, Entity entity) {
        Map<Field<?>, @Nullable Object> values = columnValues(entity);
        values.remove(table.id());
        return dsl.update(table.table()).set(values).where(table.id().eq(entity.id()));
    }

    private Query deleteQuery(DSLContext dsl, Entity entity) {
        return dsl.deleteFrom(table.table()).where(table.id().eq(entity.id()));
    }

    private void delete(DSLContext dsl, Entity entity, @Nullable Query logged) {
        try {
            withLogged(dsl, logged, deleteQuery(dsl, entity)).execute();
        } catch (DataAccessException e) {
            String state = SqlFailures.sqlState(e);
            if (SqlFailures.FOREIGN_KEY_VIOLATION.equals(state) || SqlFailures.RESTRICT_VIOLATION.equals(state)) {
                throw ForeignKeyViolation.referencedBy(
                        referencingSchema(e), table.schema().name());
            }
            throw SqlFailures.translate(e);
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }

    /** Every column of the row, derived from the entity's fields. */
    private Map<Field<?>, @Nullable Object> columnValues(Entity entity) {
        Map<Field<?>, @Nullable Object> values = new LinkedHashMap<>();
        values.put(table.id(), entity.id());
        values.put(table.entity(), JsonCodec.write(entity.fields()));
        table.uniqueColumns().forEach((field, column) -> {
            Object value = entity.get(field);
            values.put(column, value == null ? null : String.valueOf(value));
        });
        table.foreignColumns()
                .forEach((field, column) ->
                        values.put(column, entity.foreignId(field).orElse(null)));
        if (table.createdAt() != null) {
            values.put(table.createdAt(), entity.get("created_at") instanceof Number n ? n.longValue() : null);
        }
        if (table.cacheKey() != null) {
            values.put(table.cacheKey(), CacheKeys.of(entity, workspace).value());
        }
        return values;
    }

    private <T> T write(Entity entity, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (DataAccessException e) {
            String state = SqlFailures.sqlState(e);
            ServerErrorMessage server = SqlFailures.serverMessage(e);
            String constraint = server == null ? null : server.getConstraint();
            if (constraint != null
                    && SqlFailures.UNIQUE_VIOLATION.equals(state)
                    && constraint.equals(table.primaryKeyConstraint())) {
                throw new PrimaryKeyViolation(entity.id().toString()); // Kong's code 3 (400), not a UNIQUE 409
            }
            if (constraint != null && SqlFailures.UNIQUE_VIOLATION.equals(state)) {
                UniqueViolation violation = uniqueViolation(entity, constraint);
                if (violation != null) {
                    throw violation;
                }
            }
            if (constraint != null && SqlFailures.FOREIGN_KEY_VIOLATION.equals(state)) {
                Optional<FieldSpec> field = table.foreignFieldOf(constraint);
                if (field.isPresent()) {
                    FieldSpec f = field.get();
                    throw ForeignKeyViolation.missingParent(
                            f.name(),
                            Schemas.referencedBy(f).name(),
                            entity.foreignId(f.name()).map(UUID::toString).orElse(""));
                }
            }
            throw SqlFailures.translate(e);
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }

    /** Kong's fields for the unique constraint {@code constraint}, or {@code null} when it is not one of ours. */
    private @Nullable UniqueViolation uniqueViolation(Entity entity, String constraint) {
        for (Map.Entry<String, Field<String>> unique : table.uniqueColumns().entrySet()) {
            if (constraint.equals(table.uniqueConstraint(unique.getValue().getName()))) {
                Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                fields.put(unique.getKey(), entity.get(unique.getKey()));
                return new UniqueViolation(fields);
            }
        }
        if (table.cacheKey() != null
                && constraint.equals(table.uniqueConstraint(table.cacheKey().getName()))) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            table.schema().cacheKeyFields().forEach(field -> fields.put(field, entity.get(field)));
            return new UniqueViolation(fields);
        }
        return null;
    }

    /** The schema whose rows still reference the row a delete failed on. */
    private static String referencingSchema(DataAccessException e) {
        ServerErrorMessage server = SqlFailures.serverMessage(e);
        String constraint = server == null ? null : server.getConstraint();
        if (constraint != null) {
            for (EntitySchema child : Schemas.ALL) {
                if (EntityTable.of(child).foreignFieldOf(constraint).isPresent()) {
                    return child.name();
                }
            }
        }
        return server != null && server.getTable() != null ? server.getTable() : "unknown";
    }
}
