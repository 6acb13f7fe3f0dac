package io.tollgate.application.admin;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.catalog.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.InvalidRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Finds entities the way Kong's Admin API addresses them: by primary key when the value is a UUID, otherwise by the
 * schema's endpoint key; and turns foreign references given by endpoint key ({@code {"name": "s1"}}) into ids.
 */
final class EntityResolution {

    private final EntityStore store;

    EntityResolution(EntityStore store) {
        this.store = store;
    }

    Optional<Entity> find(EntitySchema schema, String idOrKey) {
        Optional<UUID> id = uuid(idOrKey);
        if (id.isPresent()) {
            return store.find(schema, id.get());
        }
        String key = schema.endpointKey();
        return key == null ? Optional.empty() : store.findBy(schema, key, idOrKey);
    }

    static Optional<UUID> uuid(String value) {
        if (value.length() != 36) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Replaces foreign references by endpoint key with {@code {"id": …}}; ids are left for validation to check. */
    Map<String, @Nullable Object> resolveForeignKeys(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>(input);
        for (FieldSpec field : schema.foreignFields()) {
            if (!(input.get(field.name()) instanceof Map<?, ?> ref) || ref.containsKey("id") || ref.size() != 1) {
                continue;
            }
            EntitySchema parent = Schemas.byName(String.valueOf(field.reference())).orElse(null);
            if (parent == null) {
                continue; // a schema this build does not store: validation reports the reference
            }
            Map.Entry<?, ?> entry = ref.entrySet().iterator().next();
            if (!String.valueOf(entry.getKey()).equals(parent.endpointKey()) || !(entry.getValue() instanceof String key)) {
                continue;
            }
            Entity found = store.findBy(parent, parent.endpointKey(), key).orElseThrow(() -> new InvalidRequest(13,
                    "foreign keys unresolved", "foreign key unresolved (" + field.name() + "." + entry.getKey()
                    + ": the foreign key cannot be resolved with '{" + entry.getKey() + "=\"" + key + "\"}' for an existing '"
                    + parent.name() + "' entity)", Map.of(field.name(), Map.of(String.valueOf(entry.getKey()),
                    "the foreign key cannot be resolved with '{" + entry.getKey() + "=\"" + key + "\"}' for an existing '"
                            + parent.name() + "' entity"))));
            out.put(field.name(), Map.of("id", found.id().toString()));
        }
        return out;
    }

    /** Checks that every set foreign field references an existing entity. */
    void checkParentsExist(Entity entity) {
        for (FieldSpec field : entity.schema().foreignFields()) {
            Optional<UUID> id = entity.foreignId(field.name());
            if (id.isEmpty()) {
                continue;
            }
            EntitySchema parent = Schemas.byName(String.valueOf(field.reference())).orElse(null);
            if (parent != null && store.find(parent, id.get()).isEmpty()) {
                throw ForeignKeyViolation.missingParent(field.name(), parent.name(), id.get().toString());
            }
        }
    }
}
