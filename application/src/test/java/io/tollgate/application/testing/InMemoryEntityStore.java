package io.tollgate.application.testing;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.shared.UniqueViolation;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link EntityStore} in memory for tests that need no database: rows in primary-key order, unique fields
 * honoured, keyset pages. Shared by the application's and the adapters' tests (published as the application's
 * test jar).
 */
public final class InMemoryEntityStore implements EntityStore {

    private final Map<String, ConcurrentSkipListMap<UUID, Entity>> tables = new ConcurrentHashMap<>();
    /** How many single-entity reads ({@code find}, {@code findBy}) were made. */
    public final AtomicInteger reads = new AtomicInteger();
    /** How many batch reads ({@code findAllBy}) were made. */
    public final AtomicInteger batchReads = new AtomicInteger();
    /** When set, {@code all} throws, as a database that is down would (to test failed rebuilds). */
    public volatile boolean failing;
    /** How many of the next {@code all} calls throw, as a database with a short outage would (then it recovers). */
    public final AtomicInteger failingReads = new AtomicInteger();

    /** Stores already validated entities. */
    public InMemoryEntityStore add(Entity... entities) {
        for (Entity entity : entities) {
            insert(entity);
        }
        return this;
    }

    /** Validates {@code input} with the domain schema (an id generated when absent), stores and returns it. */
    public Entity create(EntitySchema schema, Map<String, ?> input) {
        Map<String, Object> fields = new HashMap<>(input);
        fields.putIfAbsent("id", UUID.randomUUID().toString());
        EntitySchema effective = Schemas.forInput(schema, fields);
        Entity entity = new Entity(effective, effective.validate(fields));
        insert(entity);
        return entity;
    }

    /** The rows of one schema, in primary-key order. */
    public List<Entity> rows(EntitySchema schema) {
        return List.copyOf(table(schema).values());
    }

    /** A copy of every table, for {@link #restore} (a poor man's rollback). */
    public Map<String, Map<UUID, Entity>> snapshot() {
        Map<String, Map<UUID, Entity>> copy = new TreeMap<>();
        tables.forEach((name, rows) -> copy.put(name, new TreeMap<>(rows)));
        return copy;
    }

    public void restore(Map<String, Map<UUID, Entity>> snapshot) {
        tables.clear();
        snapshot.forEach((name, rows) -> tables.put(name, new ConcurrentSkipListMap<>(rows)));
    }

    @Override
    public Optional<Entity> find(EntitySchema schema, UUID id) {
        reads.incrementAndGet();
        return Optional.ofNullable(table(schema).get(id));
    }

    @Override
    public Optional<Entity> findBy(EntitySchema schema, String field, String value) {
        reads.incrementAndGet();
        return table(schema).values().stream()
                .filter(e -> Objects.equals(value, e.get(field)))
                .findFirst();
    }

    @Override
    public List<Entity> findAllBy(EntitySchema schema, String field, Collection<String> values) {
        batchReads.incrementAndGet();
        return table(schema).values().stream()
                .filter(e -> values.contains("id".equals(field) ? e.id().toString() : String.valueOf(e.get(field))))
                .toList();
    }

    @Override
    public Page page(EntitySchema schema, PageRequest request) {
        List<Entity> rest = table(schema).values().stream()
                .filter(e -> request.after() == null || e.id().compareTo(request.after()) > 0)
                .filter(e -> request.foreignField() == null
                        || e.foreignId(request.foreignField()).equals(Optional.ofNullable(request.parentId())))
                .toList();
        List<Entity> data = rest.stream().limit(request.size()).toList();
        return new Page(
                data, rest.size() > request.size() ? data.get(data.size() - 1).id() : null);
    }

    @Override
    public List<Entity> all(EntitySchema schema) {
        if (failing || failingReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("database down");
        }
        return rows(schema);
    }

    @Override
    public List<Entity> referencing(EntitySchema child, String foreignField, UUID parentId) {
        return table(child).values().stream()
                .filter(e -> e.foreignId(foreignField).equals(Optional.of(parentId)))
                .toList();
    }

    /** Stores (or replaces) one row, unique fields honoured: a test fixture, or the projection of an event. */
    public void insert(Entity entity) {
        checkUnique(entity);
        table(entity.schema()).put(entity.id(), entity);
    }

    /** Applies an entity event to the rows, as the event log's projection does in the database. */
    public void project(EntityEvent event) {
        switch (event) {
            case EntityCreated created -> insert(created.entity());
            case EntityUpdated updated -> insert(updated.entity());
            case EntityDeleted deleted ->
                table(deleted.entity().schema()).remove(deleted.entity().id());
        }
    }

    private ConcurrentSkipListMap<UUID, Entity> table(EntitySchema schema) {
        return tables.computeIfAbsent(schema.name(), n -> new ConcurrentSkipListMap<>());
    }

    private void checkUnique(Entity entity) {
        for (FieldSpec field : entity.schema().uniqueFields()) {
            Object value = entity.get(field.name());
            boolean taken = value != null
                    && table(entity.schema()).values().stream()
                            .anyMatch(e -> !e.id().equals(entity.id()) && Objects.equals(value, e.get(field.name())));
            if (taken) {
                throw new UniqueViolation(Map.of(field.name(), value));
            }
        }
    }
}
