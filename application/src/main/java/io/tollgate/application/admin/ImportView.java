package io.tollgate.application.admin;

import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The entity tables as one declarative import sees them, inside its transaction: the stored entities the file names
 * (by {@code id}, by a unique field, by the endpoint key of a reference) are read in a few batches when the import
 * starts ({@link EntityStore#findAllBy}, {@value #BATCH} keys per kind and field at a time), and every answer by id
 * or unique field is kept and updated with the import's own writes ({@link #written}), so an entity costs no round
 * trip to match or to resolve a reference. Any other read goes to the store, which sees the transaction's writes.
 * One import's, on one thread; dropped with it.
 */
final class ImportView implements EntityStore {

    /** Keys looked up per statement, at most. */
    static final int BATCH = 1000;

    /** {@link #lookupFields} per kind, computed once. */
    private static final Map<EntityKind, List<String>> LOOKUP_FIELDS = lookupFieldsByKind();

    private final EntityStore store;

    /** Kind → {@code "id"} or a unique field → value → the entity, or empty when no live row holds it. */
    private final Map<EntityKind, Map<String, Map<String, Optional<Entity>>>> known = new EnumMap<>(EntityKind.class);

    private ImportView(EntityStore store) {
        this.store = store;
    }

    /**
     * Reads the stored entities {@code entities} name: by their own {@code id} and unique fields, and by the
     * {@code id} or endpoint key of the references they hold.
     */
    static ImportView prefetched(EntityStore store, List<DeclaredEntity> entities) {
        Map<EntityKind, Map<String, Set<String>>> wanted = new EnumMap<>(EntityKind.class);
        for (DeclaredEntity declared : entities) {
            EntitySchema schema = Schemas.of(declared.kind());
            keys(schema, declared.fields(), wanted);
            for (FieldSpec field : schema.foreignFields()) {
                if (declared.fields().get(field.name()) instanceof Map<?, ?> reference) {
                    keys(Schemas.referencedBy(field), reference, wanted);
                }
            }
        }
        ImportView view = new ImportView(store);
        wanted.forEach((kind, byField) -> byField.forEach((field, values) -> view.fetch(kind, field, values)));
        return view;
    }

    /** Adds the id and unique-field values of {@code fields} to what is {@code wanted} for {@code schema}'s kind. */
    private static void keys(EntitySchema schema, Map<?, ?> fields, Map<EntityKind, Map<String, Set<String>>> wanted) {
        for (String field : lookupFields(schema)) {
            if (fields.get(field) instanceof String value
                    && (!"id".equals(field) || EntityResolution.uuid(value).isPresent())) {
                wanted.computeIfAbsent(schema.kind(), k -> new HashMap<>())
                        .computeIfAbsent(field, f -> new LinkedHashSet<>())
                        .add(value);
            }
        }
    }

    /** {@code "id"} and the schema's unique fields: the reads this view answers. */
    private static List<String> lookupFields(EntitySchema schema) {
        return LOOKUP_FIELDS.get(schema.kind());
    }

    private static Map<EntityKind, List<String>> lookupFieldsByKind() {
        Map<EntityKind, List<String>> byKind = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            List<String> fields = new ArrayList<>(List.of("id"));
            Schemas.of(kind).uniqueFields().stream()
                    .map(FieldSpec::name)
                    .filter(name -> !"id".equals(name))
                    .forEach(fields::add);
            byKind.put(kind, List.copyOf(fields));
        }
        return byKind;
    }

    private void fetch(EntityKind kind, String field, Set<String> values) {
        EntitySchema schema = Schemas.of(kind);
        List<String> all = List.copyOf(values);
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            Map<String, Optional<Entity>> answers = answers(kind, field);
            batch.forEach(value -> answers.put(value, Optional.empty()));
            store.findAllBy(schema, field, batch).forEach(this::remember);
        }
    }

    /** Keeps {@code entity} under its id and each of its unique values. */
    private void remember(Entity entity) {
        for (String field : lookupFields(entity.schema())) {
            String value = value(entity, field);
            if (value != null) {
                answers(entity.schema().kind(), field).put(value, Optional.of(entity));
            }
        }
    }

    /**
     * Records a write of the import: {@code entity} now holds its id and unique values, and {@code previous} (the
     * version it replaced, if any) no longer holds those it changed.
     */
    void written(Entity entity, @Nullable Entity previous) {
        if (previous != null) {
            for (String field : lookupFields(previous.schema())) {
                String value = value(previous, field);
                if (value != null && !value.equals(value(entity, field))) {
                    answers(previous.schema().kind(), field).put(value, Optional.empty());
                }
            }
        }
        remember(entity);
    }

    private static @Nullable String value(Entity entity, String field) {
        if ("id".equals(field)) {
            return entity.id().toString();
        }
        Object value = entity.get(field);
        return value == null ? null : String.valueOf(value); // as the unique column holds it
    }

    private Map<String, Optional<Entity>> answers(EntityKind kind, String field) {
        return known.computeIfAbsent(kind, k -> new HashMap<>()).computeIfAbsent(field, f -> new HashMap<>());
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        return answers(schema.kind(), "id").computeIfAbsent(id.toString(), k -> store.find(schema, id));
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        Objects.requireNonNull(value, "value");
        Optional<Entity> answer = answers(schema.kind(), field).get(value);
        if (answer == null) {
            answer = store.findBy(schema, field, value);
            answers(schema.kind(), field).put(value, answer);
        }
        return answer;
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        return store.page(schema, request);
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        return store.all(schema);
    }

    @Override
    public List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId) {
        return store.referencing(child, foreignField, parentId);
    }

    @Override
    public boolean enforcesReference(EntitySchema schema, String foreignField) {
        return store.enforcesReference(schema, foreignField);
    }
}
