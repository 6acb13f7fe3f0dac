package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.TagFilter;
import io.tollgate.application.port.TagPage;
import io.tollgate.application.port.TagPageRequest;
import io.tollgate.application.port.TaggedEntity;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.AdministerReferences;
import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.OnDelete;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.InvalidRequest;
import io.tollgate.domain.shared.NotFound;
import io.tollgate.domain.shared.PrimaryKeyViolation;
import io.tollgate.domain.shared.UniqueViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A small in-memory {@link AdministerEntities} for Admin API tests: validates with the real domain schemas and throws
 * the real rejections (schema, unique incl. multi-field cache keys, primary key, foreign key, not found, invalid
 * primary key);
 * deletes cascade or are restricted as the schemas say. Certificates' transient {@code snis} are kept as given (the
 * SNI rows they stand for are the application's job, tested there and end to end).
 * {@link #down} makes every call fail with {@link DatabaseUnavailable}; a service named {@code boom} fails unexpectedly.
 * Every change is also told to {@link #changes} as an entity event.
 */
final class InMemoryEntities implements AdministerEntities, BrowseEntities, AdministerReferences {

    private static final WorkspaceId WORKSPACE =
            new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-000000000001"));

    volatile boolean down;
    /** Told every change as the entity event the real application appends (the history tests' log follows it). */
    volatile Consumer<EntityEvent> changes = event -> {};

    private final Map<String, TreeMap<String, Entity>> tables = new ConcurrentHashMap<>();

    synchronized void clear() {
        tables.clear();
        down = false;
    }

    synchronized List<Entity> all(EntitySchema schema) {
        return List.copyOf(table(schema).values());
    }

    @Override
    public synchronized Entity create(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        check();
        Map<String, @Nullable Object> in = new LinkedHashMap<>(input);
        if ("boom".equals(in.get("name"))) {
            throw new IllegalStateException("boom");
        }
        in.putIfAbsent("id", UUID.randomUUID().toString());
        if (in.get("id") instanceof String id && table(schema).containsKey(id.toLowerCase(java.util.Locale.ROOT))) {
            throw new PrimaryKeyViolation(id.toLowerCase(java.util.Locale.ROOT)); // as the real tables' primary key
        }
        return store(schema, in, null);
    }

    @Override
    public synchronized Entity update(
            EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> patch) {
        check();
        Entity current = find(schema, idOrKey)
                .orElseThrow(() -> isUuid(idOrKey)
                        ? NotFound.byPrimaryKey(idOrKey)
                        : NotFound.byEndpointKey(String.valueOf(schema.endpointKey()), idOrKey));
        Map<String, ? extends @Nullable Object> named = patch.containsKey("name") ? patch : current.fields();
        Map<String, @Nullable Object> merged =
                Schemas.forInput(schema, named).record().merge(current.fields(), patch);
        return store(schema, merged, current);
    }

    @Override
    public synchronized Entity upsert(
            EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> input) {
        check();
        Map<String, @Nullable Object> in = new LinkedHashMap<>(input);
        Optional<Entity> current = find(schema, idOrKey);
        if (isUuid(idOrKey)) {
            in.put("id", idOrKey);
        } else {
            in.put(String.valueOf(schema.endpointKey()), idOrKey);
            in.put(
                    "id",
                    current.map(e -> e.id().toString())
                            .orElseGet(() -> UUID.randomUUID().toString()));
        }
        return store(schema, in, null);
    }

    @Override
    public synchronized boolean delete(EntitySchema schema, String idOrKey) {
        check();
        Optional<Entity> found = find(schema, idOrKey);
        if (found.isEmpty()) {
            return false;
        }
        String id = found.get().id().toString();
        for (EntitySchema child : Schemas.ALL) {
            for (FieldSpec field : child.foreignFields()) {
                if (schema.kind() != field.reference()) {
                    continue;
                }
                List<Entity> referencing = table(child).values().stream()
                        .filter(e -> e.foreignId(field.name())
                                .map(UUID::toString)
                                .filter(id::equals)
                                .isPresent())
                        .toList();
                if (!referencing.isEmpty() && field.onDelete() == OnDelete.RESTRICT) {
                    throw ForeignKeyViolation.referencedBy(child.name(), schema.name());
                }
                referencing.forEach(e -> {
                    table(child).remove(e.id().toString());
                    changes.accept(new EntityDeleted(e));
                });
            }
        }
        table(schema).remove(id);
        changes.accept(new EntityDeleted(found.get()));
        return true;
    }

    @Override
    public synchronized Optional<Entity> get(EntitySchema schema, String idOrKey) {
        check();
        return find(schema, idOrKey);
    }

    @Override
    public synchronized Optional<Entity> getChild(
            EntitySchema schema, String foreignField, UUID parentId, String idOrKey) {
        check();
        String key = schema.endpointKey();
        boolean uniqueKey =
                key != null && schema.field(key).map(FieldSpec::isUnique).orElse(false);
        if (isUuid(idOrKey) || key == null || uniqueKey) {
            return find(schema, idOrKey)
                    .filter(e ->
                            e.foreignId(foreignField).filter(parentId::equals).isPresent());
        }
        Object normalised = schema.expand(Map.of(key, idOrKey)).getOrDefault(key, idOrKey);
        return table(schema).values().stream()
                .filter(e -> e.foreignId(foreignField).filter(parentId::equals).isPresent())
                .filter(e -> idOrKey.equals(e.get(key)) || normalised.equals(e.get(key)))
                .findFirst();
    }

    @Override
    public synchronized Page list(EntitySchema schema, PageRequest request) {
        check();
        List<Entity> matching = new ArrayList<>();
        for (Entity entity : table(schema).values()) {
            if (request.after() != null
                    && entity.id().toString().compareTo(request.after().toString()) <= 0) {
                continue;
            }
            if (request.foreignField() != null
                    && !entity.foreignId(request.foreignField()).equals(Optional.ofNullable(request.parentId()))) {
                continue;
            }
            TagFilter tags = request.tags();
            if (tags != null && !tags.matches(entity.get("tags") instanceof List<?> l ? l : List.of())) {
                continue;
            }
            matching.add(entity);
        }
        if (matching.size() <= request.size()) {
            return new Page(matching, null);
        }
        List<Entity> page = matching.subList(0, request.size());
        return new Page(page, page.get(page.size() - 1).id());
    }

    @Override
    public synchronized Optional<Entity> findByUnique(EntitySchema schema, String field, String value) {
        check();
        return table(schema).values().stream()
                .filter(e -> value.equals(e.get(field)))
                .findFirst();
    }

    @Override
    public synchronized TagPage tags(TagPageRequest request) {
        check();
        List<TaggedEntity> rows = new ArrayList<>();
        for (EntitySchema schema : Schemas.ALL) {
            for (Entity entity : table(schema).values()) {
                if (entity.get("tags") instanceof List<?> tags) {
                    tags.stream()
                            .map(String::valueOf)
                            .filter(t -> request.tag() == null || request.tag().equals(t))
                            .forEach(t -> rows.add(new TaggedEntity(t, schema.name(), entity.id())));
                }
            }
        }
        java.util.Comparator<TaggedEntity> order = java.util.Comparator.comparing(
                        (TaggedEntity t) -> t.entityId().toString())
                .thenComparing(TaggedEntity::entityName)
                .thenComparing(TaggedEntity::tag);
        rows.sort(order);
        TaggedEntity after = request.after();
        List<TaggedEntity> rest = rows.stream()
                .filter(r -> after == null || order.compare(r, after) > 0)
                .toList();
        if (rest.size() <= request.size()) {
            return new TagPage(rest, null);
        }
        List<TaggedEntity> page = rest.subList(0, request.size());
        return new TagPage(page, page.get(page.size() - 1));
    }

    @Override
    public synchronized Entity upsertReferenced(
            EntitySchema schema, String idOrKey, String foreignField, Map<String, ? extends @Nullable Object> input) {
        check();
        Entity child = find(schema, idOrKey).orElseThrow(() -> NotFound.byPrimaryKey(idOrKey));
        EntitySchema parent = Schemas.referencedBy(schema.field(foreignField).orElseThrow());
        Optional<UUID> referenced = child.foreignId(foreignField);
        Entity upserted = upsert(parent, referenced.orElseGet(UUID::randomUUID).toString(), input);
        if (referenced.isEmpty()) {
            update(
                    schema,
                    child.id().toString(),
                    Map.of(foreignField, Map.of("id", upserted.id().toString())));
        }
        return upserted;
    }

    private Entity store(EntitySchema schema, Map<String, @Nullable Object> in, @Nullable Entity current) {
        long now = Instant.now().getEpochSecond();
        if (schema.field("created_at").isPresent() && in.get("created_at") == null) {
            in.put("created_at", current == null ? now : current.get("created_at"));
        }
        if (schema.field("updated_at").isPresent()) {
            in.put("updated_at", now);
        }
        if (schema.name().equals("keyauth_credentials") && in.get("key") == null) {
            in.put("key", UUID.randomUUID().toString().replace("-", ""));
        }
        Map<String, @Nullable Object> fields = Schemas.forInput(schema, in).validate(in);
        Entity entity = new Entity(schema, fields);
        for (FieldSpec field : schema.foreignFields()) {
            Optional<UUID> parent = entity.foreignId(field.name());
            Optional<EntitySchema> parentSchema = Optional.of(Schemas.referencedBy(field));
            if (parent.isPresent()
                    && parentSchema.isPresent()
                    && !table(parentSchema.get()).containsKey(parent.get().toString())) {
                throw ForeignKeyViolation.missingParent(
                        field.name(), parentSchema.get().name(), parent.get().toString());
            }
        }
        for (FieldSpec field : schema.uniqueFields()) {
            Object value = fields.get(field.name());
            boolean taken = value != null
                    && table(schema).values().stream()
                            .anyMatch(e -> !e.id().equals(entity.id()) && value.equals(e.get(field.name())));
            if (taken) {
                throw new UniqueViolation(Map.of(field.name(), value));
            }
        }
        if (schema.cacheKeyFields().size() > 1) {
            String cacheKey = CacheKeys.of(entity, WORKSPACE).value();
            if (table(schema).values().stream()
                    .anyMatch(e -> !e.id().equals(entity.id())
                            && CacheKeys.of(e, WORKSPACE).value().equals(cacheKey))) {
                Map<String, @Nullable Object> conflict = new LinkedHashMap<>();
                schema.cacheKeyFields().forEach(f -> conflict.put(f, fields.get(f)));
                throw new UniqueViolation(conflict);
            }
        }
        Entity previous = table(schema).put(entity.id().toString(), entity);
        changes.accept(previous == null ? new EntityCreated(entity) : new EntityUpdated(entity, previous));
        return entity;
    }

    private Optional<Entity> find(EntitySchema schema, String idOrKey) {
        if (isUuid(idOrKey)) {
            return Optional.ofNullable(
                    table(schema).get(UUID.fromString(idOrKey).toString()));
        }
        String key = schema.endpointKey();
        if (key == null) {
            throw new InvalidRequest(
                    1,
                    "invalid primary key",
                    "invalid primary key: '{id=\"expected a valid UUID\"}'",
                    Map.of("id", "expected a valid UUID"));
        }
        if (!schema.field(key).map(FieldSpec::isUnique).orElse(false)) {
            return Optional.empty(); // unique per parent only (targets): see getChild
        }
        return table(schema).values().stream()
                .filter(e -> idOrKey.equals(e.get(key)))
                .findFirst();
    }

    private TreeMap<String, Entity> table(EntitySchema schema) {
        return tables.computeIfAbsent(schema.name(), n -> new TreeMap<>());
    }

    private void check() {
        if (down) {
            throw new DatabaseUnavailable(
                    "database is unreachable: connection refused", new IOException("connection refused"));
        }
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
