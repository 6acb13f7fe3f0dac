package io.tollgate.application.admin;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Finds the stored entity a declared one stands for, as Kong's and decK's imports do: by id, else by a unique field
 * ({@code name}, {@code username}, {@code custom_id}, a credential's {@code key}, a CA certificate's digest), else by
 * its natural key below its parent (a target's {@code target} in its upstream, an ACL's {@code group} of its consumer,
 * a plugin's name in its scope of route, service and consumer).
 */
final class StoredMatch {

    private static final List<String> PLUGIN_SCOPE = List.of("route", "service", "consumer");

    private final EntityStore store;

    StoredMatch(EntityStore store) {
        this.store = store;
    }

    /** The stored entity with the declared {@code id}, if the declaration has a valid one. */
    Optional<Entity> byId(EntitySchema schema, @Nullable Object id) {
        return id instanceof String text
                ? EntityResolution.uuid(text).flatMap(uuid -> store.find(schema, uuid))
                : Optional.empty();
    }

    /** The stored entity {@code candidate} (validated, with a fresh id) matches by its keys, if any. */
    Optional<Entity> byKeys(Entity candidate) {
        EntitySchema schema = candidate.schema();
        EntitySchema stored = Schemas.of(schema.kind());
        for (FieldSpec field : stored.uniqueFields()) {
            if (!field.name().equals("id") && candidate.get(field.name()) instanceof String value) {
                Optional<Entity> found = store.findBy(stored, field.name(), value);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return switch (schema.kind()) {
            case TARGETS -> below(candidate, stored, "upstream", "target");
            case ACLS -> below(candidate, stored, "consumer", "group");
            case PLUGINS -> plugin(candidate, stored);
            default -> Optional.empty();
        };
    }

    private Optional<Entity> below(Entity candidate, EntitySchema stored, String parentField, String key) {
        Optional<UUID> parent = candidate.foreignId(parentField);
        return parent.flatMap(id -> store.referencing(stored, parentField, id).stream()
                .filter(e -> Objects.equals(e.get(key), candidate.get(key)))
                .findFirst());
    }

    private Optional<Entity> plugin(Entity candidate, EntitySchema stored) {
        Optional<String> scopeField =
                PLUGIN_SCOPE.stream().filter(f -> candidate.get(f) != null).findFirst();
        List<Entity> scope = scopeField
                .map(f -> store.referencing(stored, f, candidate.foreignId(f).orElseThrow()))
                .orElseGet(() -> store.all(stored));
        return scope.stream()
                .filter(e -> Objects.equals(e.get("name"), candidate.get("name")))
                .filter(e ->
                        PLUGIN_SCOPE.stream().allMatch(f -> Objects.equals(e.foreignId(f), candidate.foreignId(f))))
                .findFirst();
    }
}
