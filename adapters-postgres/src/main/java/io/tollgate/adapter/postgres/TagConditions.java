package io.tollgate.adapter.postgres;

import io.tollgate.application.port.TagFilter;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Kong's tag filters as JSONB conditions on {@code entity->'tags'}, which the GIN index {@code <table>_tags_idx}
 * serves: all of the tags = containment {@code @>}, any of them = the any-key operator {@code ?|} (written
 * {@code ??|} so that JDBC does not take it for a parameter).
 */
final class TagConditions {

    private TagConditions() {}

    /** The JSONB {@code tags} array of a row of {@code t} (SQL {@code null} or JSON {@code null} when unset). */
    static Field<JSONB> tags(EntityTable t) {
        return DSL.field("({0} -> 'tags')", SQLDataType.JSONB, t.entity());
    }

    /**
     * @throws IllegalArgumentException when the schema has no {@code tags} field
     */
    static Condition matching(EntityTable t, TagFilter filter) {
        if (t.schema().field("tags").isEmpty()) {
            throw new IllegalArgumentException("'" + t.schema().name() + "' has no tags");
        }
        return filter.mode() == TagFilter.Mode.ALL
                ? containsAll(tags(t), filter.tags())
                : DSL.condition("{0} ??| {1}", tags(t), DSL.val(filter.tags().toArray(String[]::new)));
    }

    /** {@code tags @> '["a","b"]'}. */
    static Condition containsAll(Field<JSONB> tags, List<String> wanted) {
        return DSL.condition("{0} @> {1}", tags, DSL.val(JsonCodec.write(wanted), SQLDataType.JSONB));
    }
}
