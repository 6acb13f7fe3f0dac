package io.tollgate.application.admin;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RejectedReference;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.InvalidRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /**
     * @return empty also when the schema's endpoint key is unique per parent only (targets): see {@link #findChild}
     * @throws InvalidRequest Kong's code 1 {@code invalid primary key} for a non-UUID on a schema without endpoint
     *         key (CA certificates); a certificate is found by the name of one of its SNIs instead, as in Kong
     */
    Optional<Entity> find(EntitySchema schema, String idOrKey) {
        Optional<UUID> id = uuid(idOrKey);
        if (id.isPresent()) {
            return store.find(schema, id.get());
        }
        if (schema.kind() == EntityKind.CERTIFICATES) {
            return certificateBySni(idOrKey);
        }
        String key = schema.endpointKey();
        if (key == null) {
            throw invalidPrimaryKey();
        }
        return isUniqueKey(schema) ? store.findBy(schema, key, idOrKey) : Optional.empty();
    }

    /** Kong's {@code /certificates/{sni}}: the certificate one of whose SNIs has this name, if any. */
    private Optional<Entity> certificateBySni(String name) {
        return store.findBy(Snis.SCHEMA, "name", name)
                .flatMap(sni -> sni.foreignId("certificate"))
                .flatMap(id -> store.find(Schemas.of(EntityKind.CERTIFICATES), id));
    }

    /**
     * The child of {@code parentId} with this id or endpoint key; a key is compared after the schema's own
     * normalisation (a target {@code host} finds {@code host:8000}).
     */
    Optional<Entity> findChild(EntitySchema schema, String foreignField, UUID parentId, String idOrKey) {
        Optional<Entity> found;
        if (uuid(idOrKey).isPresent() || schema.endpointKey() == null || isUniqueKey(schema)) {
            found = find(schema, idOrKey);
        } else {
            String key = schema.endpointKey();
            Object normalised = schema.expand(Map.of(key, idOrKey)).getOrDefault(key, idOrKey);
            found = store.referencing(schema, foreignField, parentId).stream()
                    .filter(e -> idOrKey.equals(e.get(key)) || normalised.equals(e.get(key)))
                    .findFirst();
        }
        return found.filter(
                e -> e.foreignId(foreignField).filter(parentId::equals).isPresent());
    }

    private static boolean isUniqueKey(EntitySchema schema) {
        return schema.endpointKey() != null
                && schema.field(schema.endpointKey()).map(FieldSpec::isUnique).orElse(false);
    }

    /** Kong's answer to a non-UUID primary key: {@code invalid primary key: '{id="expected a valid UUID"}'}. */
    static InvalidRequest invalidPrimaryKey() {
        return InvalidRequest.invalidPrimaryKey(Map.of("id", "expected a valid UUID"));
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

    /**
     * Replaces foreign references by endpoint key with {@code {"id": …}}; ids are left for validation to check, and
     * so is a key the referenced entity's field refuses, left as a {@link RejectedReference}.
     *
     * @throws InvalidRequest Kong's code 13 {@code foreign keys unresolved} for a valid key that names no entity
     */
    Map<String, @Nullable Object> resolveForeignKeys(
            EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>(input);
        for (FieldSpec field : schema.foreignFields()) {
            if (!(input.get(field.name()) instanceof Map<?, ?> ref) || ref.containsKey("id")) {
                continue;
            }
            EntitySchema parent = Schemas.referencedBy(field);
            switch (lookUp(parent, ref)) {
                case Lookup.Found found ->
                    out.put(field.name(), Map.of("id", found.entity().id().toString()));
                // Kong validates the endpoint key as the parent's field, beside the other fields
                // (09-routes_routes_spec)
                case Lookup.Refused refused ->
                    out.put(field.name(), new RejectedReference(Map.of(refused.key(), refused.problem())));
                case Lookup.Missing missing -> throw unresolved(field, parent, missing);
                case Lookup.Unchecked unchecked -> {}
            }
        }
        return out;
    }

    private static InvalidRequest unresolved(FieldSpec field, EntitySchema parent, Lookup.Missing missing) {
        String problem = "the foreign key cannot be resolved with '{" + missing.key() + "=\"" + missing.value()
                + "\"}' for an existing '" + parent.name() + "' entity";
        return new InvalidRequest(
                13,
                "foreign keys unresolved",
                "foreign key unresolved (" + field.name() + "." + missing.key() + ": " + problem + ")",
                Map.of(field.name(), Map.of(missing.key(), problem)));
    }

    /**
     * The references of an entity written in a declarative file that name no entity, as Kong's declarative check
     * reports them: one message per such reference, ordered by field, e.g.
     * {@code invalid reference 'service: svc1' (no such entry in 'services')}. A reference is {@code {"id": uuid}}
     * or {@code {endpoint key: value}}; one the parent's field would refuse, or not of those shapes, is left to the
     * entity's validation. Unlike Kong, which looks in the file only, an entity already stored resolves too.
     *
     * @param declared the entity's fields as the file gives them (before its nesting parent is filled in)
     */
    List<String> unresolvedReferences(EntitySchema schema, Map<String, ? extends @Nullable Object> declared) {
        List<String> unresolved = new ArrayList<>();
        schema.foreignFields().stream()
                .sorted(Comparator.comparing(FieldSpec::name))
                .forEach(field -> {
                    EntitySchema parent = Schemas.referencedBy(field);
                    if (declared.get(field.name()) instanceof Map<?, ?> ref
                            && lookUp(parent, ref) instanceof Lookup.Missing missing) {
                        unresolved.add("invalid reference '" + field.name() + ": " + missing.value()
                                + "' (no such entry in '" + parent.name() + "')");
                    }
                });
        return unresolved;
    }

    /** What a foreign reference names, looked up once. */
    private sealed interface Lookup {
        /** The entity it names. */
        record Found(Entity entity) implements Lookup {}

        /** A valid id or endpoint key that names no entity. */
        record Missing(String key, String value) implements Lookup {}

        /** An endpoint key value the parent's field refuses with {@code problem}. */
        record Refused(String key, String problem) implements Lookup {}

        /** Not {@code {"id": uuid}} nor {@code {endpoint key: string}}: left to the entity's validation. */
        record Unchecked() implements Lookup {}
    }

    /** Looks up a reference {@code {"id": uuid}} or {@code {endpoint key: value}} of {@code parent}. */
    private Lookup lookUp(EntitySchema parent, Map<?, ?> ref) {
        if (ref.size() != 1 || !(ref.values().iterator().next() instanceof String value)) {
            return new Lookup.Unchecked();
        }
        String key = String.valueOf(ref.keySet().iterator().next());
        Optional<Entity> found;
        if ("id".equals(key)) {
            Optional<UUID> id = uuid(value);
            if (id.isEmpty()) {
                return new Lookup.Unchecked();
            }
            found = store.find(parent, id.get());
        } else if (key.equals(parent.endpointKey())) {
            Optional<String> invalid = invalidKey(parent, value);
            if (invalid.isPresent()) {
                return new Lookup.Refused(key, invalid.get());
            }
            found = store.findBy(parent, key, value);
        } else {
            return new Lookup.Unchecked();
        }
        return found.<Lookup>map(Lookup.Found::new).orElseGet(() -> new Lookup.Missing(key, value));
    }

    /** Kong's message for an endpoint key value that the parent's field would refuse, if any. */
    private static Optional<String> invalidKey(EntitySchema parent, String key) {
        return parent.field(Objects.requireNonNull(parent.endpointKey())).flatMap(spec -> spec.ruleProblem(key));
    }

    /**
     * Checks that every set foreign field references an existing entity, except those the tables enforce themselves
     * ({@link EntityStore#enforcesReference}): for those the write's append throws the same
     * {@link ForeignKeyViolation}, without a read before it.
     *
     * @throws ForeignKeyViolation Kong's {@code foreign key violation} for the first missing parent checked here
     */
    void checkParentsExist(Entity entity) {
        for (FieldSpec field : entity.schema().foreignFields()) {
            Optional<UUID> id = entity.foreignId(field.name());
            if (id.isEmpty() || store.enforcesReference(entity.schema(), field.name())) {
                continue;
            }
            EntitySchema parent = Schemas.referencedBy(field);
            if (store.find(parent, id.get()).isEmpty()) {
                throw ForeignKeyViolation.missingParent(
                        field.name(), parent.name(), id.get().toString());
            }
        }
    }
}
