package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.catalog.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** An in-memory entity store for the proxy IT (no database needed to exercise the HTTP adapter). */
final class MemoryEntityStore implements EntityStore {

    private final Map<String, Map<UUID, Entity>> tables = new ConcurrentHashMap<>();

    /** Validates {@code input} (defaults filled, an id generated) and stores it. */
    Entity create(EntitySchema schema, Map<String, ?> input) {
        Map<String, Object> fields = new HashMap<>(input);
        fields.putIfAbsent("id", UUID.randomUUID().toString());
        Entity entity = new Entity(schema, Schemas.forInput(schema, fields).validate(fields));
        insert(entity);
        return entity;
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        return Optional.ofNullable(table(schema).get(id));
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        return table(schema).values().stream().filter(e -> Objects.equals(value, e.get(field))).findFirst();
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        List<Entity> all = new ArrayList<>(table(schema).values());
        all.sort(Comparator.comparing(Entity::id));
        return all;
    }

    @Override
    public List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void insert(Entity entity) {
        table(entity.schema()).put(entity.id(), entity);
    }

    @Override
    public void update(Entity entity) {
        insert(entity);
    }

    @Override
    public void delete(EntitySchema schema, UUID id) {
        table(schema).remove(id);
    }

    private Map<UUID, Entity> table(EntitySchema schema) {
        return tables.computeIfAbsent(schema.name(), n -> new ConcurrentHashMap<>());
    }
}
