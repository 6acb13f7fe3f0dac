package io.tollgate.application.admin;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.shared.UniqueViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/** An in-memory EntityStore honouring unique fields, for application unit tests. */
final class InMemoryEntityStore implements EntityStore {

    final Map<String, TreeMap<UUID, Entity>> tables = new TreeMap<>();

    private TreeMap<UUID, Entity> table(EntitySchema schema) {
        return tables.computeIfAbsent(schema.name(), k -> new TreeMap<>());
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        return Optional.ofNullable(table(schema).get(id));
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        return table(schema).values().stream().filter(e -> value.equals(e.get(field))).findFirst();
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        List<Entity> all = table(schema).values().stream()
                .filter(e -> request.after() == null || e.id().compareTo(request.after()) > 0)
                .filter(e -> request.foreignField() == null
                        || e.foreignId(request.foreignField()).equals(Optional.ofNullable(request.parentId())))
                .toList();
        List<Entity> data = all.stream().limit(request.size()).toList();
        return new Page(data, all.size() > request.size() ? data.get(data.size() - 1).id() : null);
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        return List.copyOf(table(schema).values());
    }

    @Override
    public List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId) {
        return table(child).values().stream().filter(e -> e.foreignId(foreignField).equals(Optional.of(parentId))).toList();
    }

    @Override
    public void insert(Entity entity) {
        checkUnique(entity);
        table(entity.schema()).put(entity.id(), entity);
    }

    @Override
    public void update(Entity entity) {
        checkUnique(entity);
        table(entity.schema()).put(entity.id(), entity);
    }

    @Override
    public void delete(EntitySchema schema, UUID id) {
        table(schema).remove(id);
    }

    private void checkUnique(Entity entity) {
        for (FieldSpec field : entity.schema().uniqueFields()) {
            Object value = entity.get(field.name());
            boolean taken = value != null && table(entity.schema()).values().stream()
                    .anyMatch(e -> !e.id().equals(entity.id()) && Objects.equals(value, e.get(field.name())));
            if (taken) {
                throw new UniqueViolation(Map.of(field.name(), value));
            }
        }
    }

    List<Entity> rows(EntitySchema schema) {
        return new ArrayList<>(table(schema).values());
    }
}
