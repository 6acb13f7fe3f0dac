package io.tollgate.application.admin;

import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Kind;
import io.tollgate.domain.shared.NotFound;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Turns Admin API input into a validated entity: foreign keys resolved, the fields the server fills (Kong's
 * {@code id}, {@code created_at}, {@code updated_at} and auto values) added, then validated by the domain schema.
 */
final class EntityDrafts {

    private final EntityResolution resolution;
    private final Clock clock;

    EntityDrafts(EntityResolution resolution, Clock clock) {
        this.resolution = resolution;
        this.clock = clock;
    }

    /** The input with foreign keys resolved and a fresh id, timestamps and auto values where absent. */
    Map<String, @Nullable Object> withServerFields(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> fields = resolution.resolveForeignKeys(schema, input);
        if (fields.get("id") == null) {
            fields.put("id", UUID.randomUUID().toString());
        }
        if (fields.get("created_at") == null) {
            stamp(schema, fields, "created_at");
        }
        stamp(schema, fields, "updated_at");
        AutoValues.fill(schema, fields);
        return fields;
    }

    /** Sets a timestamp field if the schema has it: seconds for integer ones, seconds with a millisecond fraction
     *  for number ones (targets). */
    void stamp(EntitySchema schema, Map<String, @Nullable Object> fields, String field) {
        stamp(clock, schema, fields, field);
    }

    /** As {@link #stamp(EntitySchema, Map, String)}, with {@code clock}. */
    static void stamp(Clock clock, EntitySchema schema, Map<String, @Nullable Object> fields, String field) {
        schema.field(field)
                .ifPresent(spec -> fields.put(
                        field,
                        spec.kind() == Kind.NUMBER
                                ? clock.millis() / 1000.0
                                : clock.instant().getEpochSecond()));
    }

    /**
     * Validates the fields against the schema (or its subschema for the input, e.g. a plugin's config).
     *
     * @throws io.tollgate.domain.shared.SchemaViolation (via the domain) when a field or entity check fails
     */
    static Entity validated(EntitySchema schema, Map<String, @Nullable Object> fields) {
        EntitySchema effective = Schemas.forInput(schema, fields);
        return new Entity(effective, effective.validate(fields));
    }

    /** Kong's 404 for an id or endpoint key that names no row. */
    static NotFound notFound(EntitySchema schema, String idOrKey) {
        return EntityResolution.uuid(idOrKey).isPresent() || schema.endpointKey() == null
                ? NotFound.byPrimaryKey(idOrKey)
                : NotFound.byEndpointKey(schema.endpointKey(), idOrKey);
    }
}
