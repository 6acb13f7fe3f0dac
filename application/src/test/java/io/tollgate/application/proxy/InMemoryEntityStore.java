package io.tollgate.application.proxy;

import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An entity store in memory, for tests that need no database. */
public final class InMemoryEntityStore implements EntityStore {

    private final Map<String, Map<UUID, Entity>> tables = new ConcurrentHashMap<>();
    /** How many single-entity reads ({@code find}, {@code findBy}) were made. */
    public final AtomicInteger reads = new AtomicInteger();
    /** When set, {@code all} throws (to test failed rebuilds). */
    public volatile boolean failing;

    public InMemoryEntityStore add(Entity... entities) {
        for (Entity entity : entities) {
            insert(entity);
        }
        return this;
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        reads.incrementAndGet();
        return Optional.ofNullable(table(schema).get(id));
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        reads.incrementAndGet();
        return table(schema).values().stream().filter(e -> Objects.equals(value, e.get(field))).findFirst();
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        if (failing) {
            throw new IllegalStateException("database down");
        }
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
