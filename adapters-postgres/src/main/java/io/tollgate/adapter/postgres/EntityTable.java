package io.tollgate.adapter.postgres;

import io.tollgate.adapter.postgres.schema.DefaultSchema;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jspecify.annotations.Nullable;

/**
 * How one entity schema is laid out in its table, derived from the schema and the generated table (the
 * migration's conventions): {@code id}, {@code entity} (all fields as JSONB), a column per unique field, a
 * {@code <field>_id} column per foreign field whose parent table exists, optional {@code created_at} and
 * {@code cache_key}. A new entity schema needs only its migration; nothing here is per entity.
 *
 * @param uniqueColumns unique field name → its column
 * @param foreignColumns foreign field name → its {@code <field>_id} column (foreign fields without one, such as a
 *        service's {@code client_certificate} until certificates are stored, live in {@code entity} only)
 */
record EntityTable(
        EntitySchema schema,
        Table<?> table,
        Field<UUID> id,
        Field<JSONB> entity,
        Map<String, Field<String>> uniqueColumns,
        Map<String, Field<UUID>> foreignColumns,
        @Nullable Field<Long> createdAt,
        @Nullable Field<String> cacheKey) {

    /**
     * The layout of {@code schema}'s table.
     *
     * @throws IllegalStateException when no table is named after the schema or a unique field has no column
     *         (uniqueness could not be enforced)
     */
    static EntityTable of(EntitySchema schema) {
        Table<?> table = DefaultSchema.DEFAULT_SCHEMA.getTable(schema.name());
        if (table == null) {
            throw new IllegalStateException("no table for entity schema '" + schema.name() + "'; add a migration");
        }
        Map<String, Field<String>> unique = new LinkedHashMap<>();
        for (FieldSpec field : schema.uniqueFields()) {
            unique.put(
                    field.name(),
                    column(table, field.name(), String.class)
                            .orElseThrow(() -> new IllegalStateException("table " + schema.name()
                                    + " has no column for unique field '" + field.name() + "'")));
        }
        Map<String, Field<UUID>> foreign = new LinkedHashMap<>();
        for (FieldSpec field : schema.foreignFields()) {
            column(table, field.name() + "_id", UUID.class).ifPresent(c -> foreign.put(field.name(), c));
        }
        return new EntityTable(
                schema,
                table,
                column(table, "id", UUID.class).orElseThrow(),
                column(table, "entity", JSONB.class).orElseThrow(),
                Map.copyOf(unique),
                Map.copyOf(foreign),
                column(table, "created_at", Long.class).orElse(null),
                column(table, "cache_key", String.class).orElse(null));
    }

    /** The constraint names PostgreSQL reports, by the migration's naming convention. */
    String uniqueConstraint(String column) {
        return table.getName() + "_" + column + "_key";
    }

    String foreignKeyConstraint(String field) {
        return table.getName() + "_" + field + "_id_fkey";
    }

    String primaryKeyConstraint() {
        return table.getName() + "_pkey";
    }

    /** The foreign field whose constraint this is, if any. */
    Optional<FieldSpec> foreignFieldOf(String constraint) {
        return schema.foreignFields().stream()
                .filter(f -> foreignKeyConstraint(f.name()).equals(constraint))
                .findFirst();
    }

    private static <T> Optional<Field<T>> column(Table<?> table, String name, Class<T> type) {
        Field<?> field = table.field(name);
        if (field == null) {
            return Optional.empty();
        }
        if (!type.isAssignableFrom(field.getType())) {
            throw new IllegalStateException("column " + table.getName() + "." + name + " is a "
                    + field.getType().getSimpleName() + ", expected " + type.getSimpleName());
        }
        @SuppressWarnings("unchecked")
        Field<T> typed = (Field<T>) field;
        return Optional.of(typed);
    }
}
