package io.tollgate.adapter.postgres;

import io.tollgate.application.port.TagPage;
import io.tollgate.application.port.TagPageRequest;
import io.tollgate.application.port.TaggedEntity;
import io.tollgate.application.port.out.TagIndex;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.Select;
import org.jooq.SelectConditionStep;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code tags} listing over the entity tables: for every schema of {@link Schemas#ALL} with a {@code tags}
 * field, one row per element of {@code entity->'tags'} (a {@code UNION ALL} of lateral
 * {@code jsonb_array_elements_text}), keyset-paginated by {@code (entity_id, entity_name, tag)}. With a tag, each
 * table is first narrowed by {@code entity->'tags' @> '["<tag>"]'}, which its GIN index serves.
 */
@Singleton
final class JooqTagIndex implements TagIndex {

    private static final Field<String> TAG = DSL.field(DSL.name("tag"), SQLDataType.VARCHAR);
    private static final Field<String> ENTITY_NAME = DSL.field(DSL.name("entity_name"), SQLDataType.VARCHAR);
    private static final Field<UUID> ENTITY_ID = DSL.field(DSL.name("entity_id"), SQLDataType.UUID);

    private final DSLContext dsl;

    @Inject
    JooqTagIndex(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public TagPage page(TagPageRequest request) {
        if (request.size() < 1) {
            throw new IllegalArgumentException("page size must be at least 1, got " + request.size());
        }
        Select<Record3<String, String, UUID>> union = null;
        for (EntitySchema schema : Schemas.ALL) {
            if (schema.field("tags").isEmpty()) {
                continue;
            }
            Select<Record3<String, String, UUID>> rows = rows(EntityTable.of(schema), request.tag());
            union = union == null ? rows : union.unionAll(rows);
        }
        if (union == null) {
            return new TagPage(List.of(), null);
        }
        Table<Record3<String, String, UUID>> all = union.asTable("tagged");
        Condition after = DSL.noCondition();
        TaggedEntity last = request.after();
        if (last != null) {
            after = DSL.row(ENTITY_ID, ENTITY_NAME, TAG).gt(last.entityId(), last.entityName(), last.tag());
        }
        Condition condition = after;
        List<TaggedEntity> found = run(() -> dsl.select(TAG, ENTITY_NAME, ENTITY_ID)
                .from(all)
                .where(condition)
                .orderBy(ENTITY_ID, ENTITY_NAME, TAG)
                .limit(request.size() + 1)
                .fetch(r -> new TaggedEntity(r.value1(), r.value2(), r.value3())));
        if (found.size() <= request.size()) {
            return new TagPage(found, null);
        }
        List<TaggedEntity> data = new ArrayList<>(found.subList(0, request.size()));
        return new TagPage(data, data.get(data.size() - 1));
    }

    /** {@code (tag, entity_name, entity_id)} for every tag of every row of {@code t}, or only {@code tag}. */
    private static Select<Record3<String, String, UUID>> rows(EntityTable t, @Nullable String tag) {
        Field<org.jooq.JSONB> tags = TagConditions.tags(t);
        Table<?> elements = DSL.table(
                        "jsonb_array_elements_text(case when jsonb_typeof({0}) = 'array' then {0} "
                                + "else '[]'::jsonb end)",
                        tags)
                .as("element", "tag");
        Field<String> element = DSL.field(DSL.name("element", "tag"), SQLDataType.VARCHAR);
        SelectConditionStep<Record3<String, String, UUID>> select = DSL.select(
                        element.as(TAG), DSL.inline(t.schema().name()).as(ENTITY_NAME), t.id().as(ENTITY_ID))
                .from(t.table(), DSL.lateral(elements))
                .where(DSL.noCondition());
        if (tag != null) {
            select = select.and(TagConditions.containsAll(tags, List.of(tag))).and(element.eq(tag));
        }
        return select;
    }

    private static <T> T run(java.util.function.Supplier<T> query) {
        try {
            return query.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
