package io.tollgate.adapter.postgres;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.ExpiredRows;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.entity.TimeToLive;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConnectionProvider;
import org.jspecify.annotations.Nullable;

/**
 * Reads of the entity tables through jOOQ, generic over {@link EntitySchema}s (layout in {@link EntityTable}). The
 * tables are written by {@link Projections} only. Connection failures → {@link
 * io.tollgate.application.port.DatabaseUnavailable}.
 *
 * <p>As Kong's DAO, the reads by id, by unique field, by page and of all rows skip the rows whose {@code ttl} has run
 * out by the database's clock ({@link TimeToLive}); {@link #referencing} does not (a delete's cascade must see every
 * child), and {@link #claimExpired} reads only them.
 */
@Singleton
final class JooqEntityStore implements EntityStore, ExpiredRows {

    /** Rows fetched per round trip by {@link #all}. */
    private static final int FETCH_SIZE = 1000;

    private final DSLContext dsl;
    private final Map<EntityKind, EntityTable> tables = new ConcurrentHashMap<>();

    /** {@link #fetchOneBy}'s statements by column, one bind value each. */
    private final Map<Field<?>, String> byColumn = new ConcurrentHashMap<>();

    @Inject
    JooqEntityStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        EntityTable t = table(schema);
        return fetchOneBy(t, t.id(), id);
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        EntityTable t = table(schema);
        Field<String> column = uniqueColumn(t, schema, field);
        if (value.indexOf('\0') >= 0) {
            return Optional.empty(); // PostgreSQL text cannot hold NUL, so no row has this value
        }
        return fetchOneBy(t, column, value);
    }

    /**
     * {@inheritDoc}
     *
     * <p>One statement per {@value #FETCH_SIZE} values ({@code column IN (…)}), on the caller's transaction when
     * there is one.
     */
    @Override
    public List<Entity> findAllBy(EntitySchema schema, String field, Collection<String> values) {
        EntityTable t = table(schema);
        boolean byId = "id".equals(field);
        @Nullable Field<String> column = byId ? null : uniqueColumn(t, schema, field);
        List<Object> keys = values.stream()
                .filter(v -> v.indexOf('\0') < 0) // PostgreSQL text cannot hold NUL, so no row has this value
                .distinct()
                .<Object>map(v -> byId ? UUID.fromString(v) : v)
                .toList();
        List<Entity> found = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += FETCH_SIZE) {
            List<Object> chunk = keys.subList(from, Math.min(keys.size(), from + FETCH_SIZE));
            Condition in = byId
                    ? t.id().in(chunk.stream().map(UUID.class::cast).toList())
                    : column.in(chunk.stream().map(String.class::cast).toList());
            found.addAll(run(() -> dsl.select(t.entity())
                    .from(t.table())
                    .where(in.and(live(t)))
                    .fetch(r -> toEntity(t, r.value1()))));
        }
        return found;
    }

    /** The column of the unique {@code field}; throws {@link IllegalArgumentException} when it is not one. */
    private static Field<String> uniqueColumn(EntityTable t, EntitySchema schema, String field) {
        Field<String> column = t.uniqueColumns().get(field);
        if (column == null) {
            throw new IllegalArgumentException("'" + field + "' is not a unique field of " + schema.name());
        }
        return column;
    }

    /**
     * The live row whose {@code column} (the id or a unique column) equals {@code value}. The busiest reads of an
     * Admin API write (a parent by name, the changed row for the router patch) take this path: the statement is
     * rendered by jOOQ once per column and then run as a plain prepared statement: rendering it anew on every call was
     * a large share of their CPU in a JFR profile of route creations.
     */
    private Optional<Entity> fetchOneBy(EntityTable t, Field<?> column, Object value) {
        String sql = byColumn.computeIfAbsent(
                column,
                c -> dsl.render(dsl.select(t.entity())
                        .from(t.table())
                        .where(equalsBindValue(c).and(live(t)))));
        return run(() -> dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, value);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next() ? Optional.of(toEntity(t, JSONB.valueOf(row.getString(1)))) : Optional.empty();
                }
            }
        }));
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        EntityTable t = table(schema);
        if (request.size() < 1) {
            throw new IllegalArgumentException("page size must be at least 1, got " + request.size());
        }
        Condition where = live(t);
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

    /**
     * {@inheritDoc}
     *
     * <p>Read through a cursor, {@value #FETCH_SIZE} rows at a time: each row's JSON is turned into its entity and
     * dropped, so the whole table's text is never held beside the entities made from it (at 100,000 routes that text
     * was what sized the heap at start-up). PostgreSQL's driver uses a cursor only inside a transaction: called
     * outside one, the read opens a read-only transaction of its own and rolls it back; inside one (a write's), it
     * reads on that transaction's connection.
     */
    @Override
    public List<Entity> all(EntitySchema schema) {
        EntityTable t = table(schema);
        return run(() -> dsl.connectionResult(connection -> {
            boolean own = connection.getAutoCommit();
            if (own) {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
            }
            List<Entity> all = new ArrayList<>();
            try (Cursor<Record1<JSONB>> rows = dsl.configuration()
                    .derive(new DefaultConnectionProvider(connection))
                    .dsl()
                    .select(t.entity())
                    .from(t.table())
                    .where(live(t))
                    .orderBy(t.id())
                    .fetchSize(FETCH_SIZE)
                    .fetchLazy()) {
                for (Record1<JSONB> row : rows) {
                    all.add(toEntity(t, row.value1()));
                }
            } finally {
                if (own) {
                    connection.rollback();
                    connection.setReadOnly(false);
                    connection.setAutoCommit(true);
                }
            }
            return all;
        }));
    }

    @Override
    public List<Entity> claimExpired(EntitySchema schema, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
        EntityTable t = table(schema);
        if (!TimeToLive.applies(t.schema())) {
            return List.of();
        }
        return run(() -> dsl.select(t.entity())
                .from(t.table())
                .where(expired(t))
                .orderBy(t.id())
                .limit(limit)
                .forUpdate()
                .skipLocked()
                .fetch(r -> toEntity(t, r.value1())));
    }

    /** {@code column = ?}: one bind value, set when the statement runs. */
    private static <T> Condition equalsBindValue(Field<T> column) {
        return column.eq(DSL.val(null, column));
    }

    /** The rows not past their {@code ttl}: every row of a schema without one. */
    private static Condition live(EntityTable t) {
        return TimeToLive.applies(t.schema()) ? expired(t).not() : DSL.noCondition();
    }

    /**
     * The rows past their {@code ttl} ({@code created_at + ttl <= now}, seconds; a {@code ttl} of 0 or none never
     * expires), by the database's clock as Kong's {@code ttl >= CURRENT_TIMESTAMP}.
     */
    private static Condition expired(EntityTable t) {
        return DSL.condition(
                "coalesce(({0} ->> {1})::numeric > 0 and ({0} ->> 'created_at')::numeric + ({0} ->> {1})::numeric"
                        + " <= extract(epoch from now()), false)",
                t.entity(), DSL.inline(TimeToLive.FIELD));
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

    /** {@inheritDoc} True for the foreign fields with a {@code <field>_id} column, which has a foreign key. */
    @Override
    public boolean enforcesReference(EntitySchema schema, String foreignField) {
        return table(schema).foreignColumns().containsKey(foreignField);
    }

    private EntityTable table(EntitySchema schema) {
        return tables.computeIfAbsent(schema.kind(), kind -> EntityTable.of(Schemas.of(kind)));
    }

    private static Entity toEntity(EntityTable t, JSONB json) {
        return new Entity(t.schema(), JsonCodec.readFields(t.schema(), json));
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

    private static <T> T run(Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
