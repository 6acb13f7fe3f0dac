package io.tollgate.domain.consumer;

import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;

/** Kong's {@code consumers} schema (kong-internals §6.3). */
public final class Consumers {

    /** The schema; endpoint key {@code username}, cache key = primary key. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.CONSUMERS,
            "username",
            RecordSchema.of(
                            id(),
                            timestamp("created_at"),
                            timestamp("updated_at"),
                            string("username").unique(),
                            string("custom_id").unique(),
                            tags())
                    .withCheck(Checks.atLeastOneOf("custom_id", "username")),
            List.of(),
            Map.of());

    private Consumers() {}
}
