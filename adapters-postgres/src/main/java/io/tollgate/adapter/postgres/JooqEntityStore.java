package io.tollgate.adapter.postgres;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.catalog.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.NotFound;
import io.tollgate.domain.shared.UniqueViolation;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.postgresql.util.ServerErrorMessage;

/**
 * The entity tables through jOOQ, generic over {@link EntitySchema}s (layout in {@link EntityTable}). Constraint
 * violations become Kong's rejections: 23505 → {@link UniqueViolation}, 23503 (and 23001 from a restricted
 * delete) → {@link ForeignKeyViolation};
 * connection failures → {@link io.tollgate.application.port.DatabaseUnavailable}.
 */
@Singleton
final class JooqEntityStore implements EntityStore {

    private final DSLContext dsl;
    private final WorkspaceId workspace;
    private final Map<String, EntityTable> tables = new ConcurrentHashMap<>();

    @Inject
    JooqEntityStore(DSLContext dsl, WorkspaceId workspace) {
        this.dsl = dsl;
        this.workspace = workspace;
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        EntityTable t = table(schema);
        return run(() -> dsl.select(t.entity())
                .from(t.table())
                .where(t.id().eq(id))
                .fetchOptional(t.entity())
                .map(json -> toEntity(t, json)));
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        EntityTable t = table(schema);
        Field<String> column = t.uniqueColumns().get(field);
        if (column == null) {
            throw new IllegalArgumentException("'" + field + "' is not a unique field of " + schema.name());
        }
        if (value.indexOf('\0') >= 0) {
            return Optional.empty(); // PostgreSQL text cannot hold NUL, so no row has this value
        }
        return run(() -> dsl.select(t.entity())
                .from(t.table())
                .where(column.eq(value))
                .fetchOptional(t.entity())
                .map(json -> toEntity(t, json)));
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        EntityTable t = table(schema);
        if (request.size() < 1) {
            throw new IllegalArgumentException("page size must be at least 1, got " + request.size());
        }
        Condition where = DSL.noCondition();
        if (request.after() != null) {
            where = where.and(t.id().gt(request.after()));
        }
        if (request.foreignField() != null) {
            where = where.and(references(t, request.foreignField(), request.parentId()));
        }
        if (request.tags() != null) {
            where = where.and(TagConditions.matching(t, request.tags()));
        }
        Condition condition = where;
        List<Entity> rows = run(() -> dsl.select(t.entity())
                .from(t.table())
                .where(condition)
                .orderBy(t.id())
                .limit(request.size() + 1)
                .fetch(r -> toEntity(t, r.value1())));
        if (rows.size() <= request.size()) {
            return new Page(rows, null);
        }
        List<Entity> data = rows.subList(0, request.size());
        return new Page(data, data.get(data.size() - 1).id());
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        EntityTable t = table(schema);
        return run(() -> dsl.select(t.entity()).from(t.table()).orderBy(t.id()).fetch(r -> toEntity(t, r.value1())));
    }

    @Override
    public List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId) {
        EntityTable t = table(child);
        Condition condition = references(t, foreignField, parentId);
        return run(() -> dsl.select(t.entity())
                .from(t.table())
                .where(condition)
                .orderBy(t.id())
                .fetch(r -> toEntity(t, r.value1())));
    }

    @Override
    public void insert(Entity entity) {
        EntityTable t = table(entity.schema());
        Map<Field<?>, @Nullable Object> values = columnValues(t, entity);
        write(t, entity, () -> dsl.insertInto(t.table()).set(values).execute());
    }

    @Override
    public void update(Entity entity) {
        EntityTable t = table(entity.schema());
        Map<Field<?>, @Nullable Object> values = columnValues(t, entity);
        values.remove(t.id());
        int updated = write(
                t,
                entity,
                () -> dsl.update(t.table())
                        .set(values)
                        .where(t.id().eq(entity.id()))
                        .execute());
        if (updated == 0) {
            throw NotFound.byPrimaryKey(entity.id().toString());
        }
    }

    @Override
    public void delete(EntitySchema schema, UUID id) {
        EntityTable t = table(schema);
        try {
            dsl.deleteFrom(t.table()).where(t.id().eq(id)).execute();
        } catch (DataAccessException e) {
            String state = SqlFailures.sqlState(e);
            if (SqlFailures.FOREIGN_KEY_VIOLATION.equals(state) || SqlFailures.RESTRICT_VIOLATION.equals(state)) {
                throw ForeignKeyViolation.referencedBy(referencingSchema(e), schema.name());
            }
            throw SqlFailures.translate(e);
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }

    private EntityTable table(EntitySchema schema) {
        return tables.computeIfAbsent(
                schema.name(), name -> EntityTable.of(Schemas.byName(name).orElse(schema)));
    }

    private static Entity toEntity(EntityTable t, JSONB json) {
        return new Entity(t.schema(), JsonCodec.readFields(t.schema(), json));
    }

    /** Every column of the row, derived from the entity's fields. */
    private Map<Field<?>, @Nullable Object> columnValues(EntityTable t, Entity entity) {
        Map<Field<?>, @Nullable Object> values = new LinkedHashMap<>();
        values.put(t.id(), entity.id());
        values.put(t.entity(), JsonCodec.write(entity.fields()));
        t.uniqueColumns().forEach((field, column) -> {
            Object value = entity.get(field);
            values.put(column, value == null ? null : String.valueOf(value));
        });
        t.foreignColumns()
                .forEach((field, column) ->
                        values.put(column, entity.foreignId(field).orElse(null)));
        if (t.createdAt() != null) {
            values.put(t.createdAt(), entity.get("created_at") instanceof Number n ? n.longValue() : null);
        }
        if (t.cacheKey() != null) {
            values.put(t.cacheKey(), CacheKeys.of(entity, workspace).value());
        }
        return values;
    }

    /** Rows whose {@code foreignField} references {@code parentId} (by column, or in the JSON when it has none). */
    private static Condition references(EntityTable t, String foreignField, @Nullable UUID parentId) {
        FieldSpec spec = t.schema()
                .field(foreignField)
                .filter(f -> f.kind() == Kind.FOREIGN)
                .orElseThrow(() -> new IllegalArgumentException("'" + foreignField + "' is not a foreign field of "
                        + t.schema().name()));
        Field<UUID> column = t.foreignColumns().get(spec.name());
        if (column != null) {
            return parentId == null ? column.isNull() : column.eq(parentId);
        }
        Field<String> inJson = DSL.field("{0} -> {1} ->> 'id'", String.class, t.entity(), DSL.inline(spec.name()));
        return parentId == null ? inJson.isNull() : inJson.eq(parentId.toString());
    }

    private <T> T write(EntityTable t, Entity entity, Supplier<T> statement) {
        try {
            return statement.get();
        } catch (DataAccessException e) {
            String state = SqlFailures.sqlState(e);
            ServerErrorMessage server = SqlFailures.serverMessage(e);
            String constraint = server == null ? null : server.getConstraint();
            if (constraint != null && SqlFailures.UNIQUE_VIOLATION.equals(state)) {
                UniqueViolation violation = uniqueViolation(t, entity, constraint);
                if (violation != null) {
                    throw violation;
                }
            }
            if (constraint != null && SqlFailures.FOREIGN_KEY_VIOLATION.equals(state)) {
                Optional<FieldSpec> field = t.foreignFieldOf(constraint);
                if (field.isPresent()) {
                    FieldSpec f = field.get();
                    throw ForeignKeyViolation.missingParent(
                            f.name(),
                            String.valueOf(f.reference()),
                            entity.foreignId(f.name()).map(UUID::toString).orElse(""));
                }
            }
            throw SqlFailures.translate(e);
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }

    /** Kong's fields for the unique constraint {@code constraint}, or {@code null} when it is not one of ours. */
    private static @Nullable UniqueViolation uniqueViolation(EntityTable t, Entity entity, String constraint) {
        if (constraint.equals(t.primaryKeyConstraint())) {
            return new UniqueViolation(Map.of("id", entity.id().toString()));
        }
        for (Map.Entry<String, Field<String>> unique : t.uniqueColumns().entrySet()) {
            if (constraint.equals(t.uniqueConstraint(unique.getValue().getName()))) {
                Map<String, @Nullable Object> fields = new LinkedHashMap<>();
                fields.put(unique.getKey(), entity.get(unique.getKey()));
                return new UniqueViolation(fields);
            }
        }
        if (t.cacheKey() != null
                && constraint.equals(t.uniqueConstraint(t.cacheKey().getName()))) {
            Map<String, @Nullable Object> fields = new LinkedHashMap<>();
            t.schema().cacheKeyFields().forEach(field -> fields.put(field, entity.get(field)));
            return new UniqueViolation(fields);
        }
        return null;
    }

    /** The schema whose rows still reference the row a delete failed on. */
    private String referencingSchema(DataAccessException e) {
        ServerErrorMessage server = SqlFailures.serverMessage(e);
        String constraint = server == null ? null : server.getConstraint();
        if (constraint != null) {
            for (EntitySchema child : Schemas.ALL) {
                if (table(child).foreignFieldOf(constraint).isPresent()) {
                    return child.name();
                }
            }
        }
        return server != null && server.getTable() != null ? server.getTable() : "unknown";
    }

    private static <T> T run(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
