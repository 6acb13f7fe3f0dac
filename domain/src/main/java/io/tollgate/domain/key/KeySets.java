package io.tollgate.domain.key;

import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;

/**
 * Kong 3.x's {@code key_sets} schema: a named group of {@code keys} (Admin API {@code /key-sets}, endpoint key
 * {@code name}, optional and unique); deleting a set deletes its keys. Tollgate stores and serves them; no bundled
 * plugin reads them yet.
 */
public final class KeySets {

    /** The schema; endpoint key {@code name}, cache key = primary key. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.KEY_SETS,
            "name",
            RecordSchema.of(id(), string("name").unique(), tags(), timestamp("created_at"), timestamp("updated_at")),
            List.of(),
            Map.of());

    private KeySets() {}
}
