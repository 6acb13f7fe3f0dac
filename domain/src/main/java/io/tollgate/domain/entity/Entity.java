package io.tollgate.domain.entity;

import io.tollgate.domain.schema.EntitySchema;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jspecify.annotations.Nullable;

/**
 * The state of one entity as the Admin API shows it: validated, normalised fields (every schema field present,
 * unset ones {@code null}, foreign keys as {@code {"id": "<uuid>"}}, integers as {@link Long}) of one
 * {@link EntitySchema}. Immutable; the typed views ({@code Service.of(entity)}, …) read from it.
 */
@ValueObject
public record Entity(EntitySchema schema, Map<String, @Nullable Object> fields) {

    public Entity {
        Objects.requireNonNull(schema, "schema");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(fields.get("id"), "id");
    }

    /** The primary key. */
    public UUID id() {
        return UUID.fromString(string("id"));
    }

    public @Nullable Object get(String field) {
        return fields.get(field);
    }

    /** The value of a string field; {@code null} when unset. */
    public @Nullable String stringOrNull(String field) {
        return (String) fields.get(field);
    }

    /** The value of a required string field. */
    public String string(String field) {
        return Objects.requireNonNull((String) fields.get(field), field);
    }

    /** The id a foreign field references, if set. */
    public Optional<UUID> foreignId(String field) {
        return fields.get(field) instanceof Map<?, ?> ref && ref.get("id") instanceof String id
                ? Optional.of(UUID.fromString(id))
                : Optional.empty();
    }

    /** The value of the schema's endpoint key (e.g. {@code name}), if the schema has one and it is set. */
    public Optional<String> endpointKeyValue() {
        return Optional.ofNullable(schema.endpointKey()).map(fields::get).map(String::valueOf);
    }
}
