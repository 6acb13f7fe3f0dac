package io.tollgate.application.admin;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.AdministerReferences;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.catalog.Schemas;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import io.tollgate.domain.shared.NotFound;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The Admin API's writes and reads (Kong's generic DAO). A write validates through the domain, changes the entity
 * tables and appends its events in one transaction, then purges this node's cache keys and rebuilds its router or
 * plugins before returning, so the change is in effect here when the response is sent. Also Kong's single-reference
 * upsert ({@code PUT /routes/{r}/service}, {@link AdministerReferences}): both writes in one transaction.
 */
public final class EntityAdministration implements AdministerEntities, AdministerReferences {

    private final EntityStore store;
    private final EventLog log;
    private final Transactions transactions;
    private final LocalInvalidation invalidation;
    private final UUID nodeId;
    private final WorkspaceId workspace;
    private final Clock clock;
    private final EntityResolution resolution;
    private final CascadeDelete cascade;

    /**
     * @param nodeId this node's id, recorded with its events so it can skip them when following the log
     * @param clock the source of {@code created_at} / {@code updated_at} (seconds)
     */
    public EntityAdministration(EntityStore store, EventLog log, Transactions transactions, LocalInvalidation invalidation,
                                UUID nodeId, WorkspaceId workspace, Clock clock) {
        this.store = store;
        this.log = log;
        this.transactions = transactions;
        this.invalidation = invalidation;
        this.nodeId = nodeId;
        this.workspace = workspace;
        this.clock = clock;
        this.resolution = new EntityResolution(store);
        this.cascade = new CascadeDelete(store);
    }

    @Override
    public Entity create(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        return write(() -> {
            Entity created = validated(schema, withServerFields(schema, input));
            resolution.checkParentsExist(created);
            store.insert(created);
            return new Written(created, List.of(new EntityCreated(created)));
        });
    }

    @Override
    public Entity update(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> patch) {
        return write(() -> updating(schema, idOrKey, patch));
    }

    private Written updating(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> patch) {
        Entity current = resolution.find(schema, idOrKey).orElseThrow(() -> notFound(schema, idOrKey));
        Map<String, @Nullable Object> merged = schema.record().merge(current.fields(),
                resolution.resolveForeignKeys(schema, patch));
        merged.put("id", current.id().toString());
        stamp(schema, merged, "updated_at");
        Entity updated = validated(schema, merged);
        resolution.checkParentsExist(updated);
        store.update(updated);
        return new Written(updated, List.of(new EntityUpdated(updated, current)));
    }

    @Override
    public Entity upsert(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> input) {
        return write(() -> upserting(schema, idOrKey, input));
    }

    private Written upserting(EntitySchema schema, String idOrKey, Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>(input);
        Optional<UUID> id = EntityResolution.uuid(idOrKey);
        if (id.isPresent()) {
            body.put("id", id.get().toString());
        } else if (schema.endpointKey() != null) {
            body.put(schema.endpointKey(), idOrKey);
        }
        Optional<Entity> current = resolution.find(schema, idOrKey);
        current.ifPresent(c -> {
            body.put("id", c.id().toString());
            body.putIfAbsent("created_at", c.get("created_at"));
        });
        Entity entity = validated(schema, withServerFields(schema, body));
        resolution.checkParentsExist(entity);
        if (current.isPresent()) {
            store.update(entity);
            return new Written(entity, List.of(new EntityUpdated(entity, current.get())));
        }
        store.insert(entity);
        return new Written(entity, List.of(new EntityCreated(entity)));
    }

    @Override
    public Entity upsertReferenced(EntitySchema schema, String idOrKey, String foreignField,
                                   Map<String, ? extends @Nullable Object> input) {
        FieldSpec field = schema.field(foreignField).filter(f -> f.kind() == Kind.FOREIGN).orElseThrow(() ->
                new IllegalArgumentException("'" + foreignField + "' is not a foreign field of " + schema.name()));
        EntitySchema parent = Schemas.byName(String.valueOf(field.reference())).orElseThrow(() ->
                new IllegalArgumentException("no schema '" + field.reference() + "'"));
        return Objects.requireNonNull(write(() -> {
            Entity child = resolution.find(schema, idOrKey).orElseThrow(() -> notFound(schema, idOrKey));
            Optional<UUID> referenced = child.foreignId(foreignField);
            Written upserted = upserting(parent, referenced.orElseGet(UUID::randomUUID).toString(), input);
            Entity entity = Objects.requireNonNull(upserted.entity());
            if (referenced.isPresent()) {
                return upserted;
            }
            Written linked = updating(schema, child.id().toString(),
                    Map.of(foreignField, Map.of("id", entity.id().toString())));
            List<EntityEvent> events = new ArrayList<>(upserted.events());
            events.addAll(linked.events());
            return new Written(entity, events);
        }));
    }

    @Override
    public boolean delete(EntitySchema schema, String idOrKey) {
        Entity deleted = write(() -> {
            Optional<Entity> current = resolution.find(schema, idOrKey);
            if (current.isEmpty()) {
                return new Written(null, List.of());
            }
            List<EntityEvent> events = new ArrayList<>();
            cascade.delete(current.get(), events);
            return new Written(current.get(), events);
        });
        return deleted != null;
    }

    @Override
    public Optional<Entity> get(EntitySchema schema, String idOrKey) {
        return resolution.find(schema, idOrKey);
    }

    @Override
    public Page list(EntitySchema schema, PageRequest request) {
        return store.page(schema, request);
    }

    /** Runs one write transaction, appends its events in it, then applies the invalidation on this node. */
    private @Nullable Entity write(java.util.function.Supplier<Written> work) {
        Written written = transactions.inTransaction(() -> {
            Written w = work.get();
            if (!w.events().isEmpty()) {
                log.append(nodeId, w.events().stream()
                        .map(e -> new EventLog.Change(e, Invalidations.of(e, workspace))).toList());
            }
            return w;
        });
        invalidation.apply(written.events().stream().map(e -> Invalidations.of(e, workspace)).toList());
        return written.entity();
    }

    private Map<String, @Nullable Object> withServerFields(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> fields = resolution.resolveForeignKeys(schema, input);
        if (fields.get("id") == null) {
            fields.put("id", UUID.randomUUID().toString());
        }
        if (fields.get("created_at") == null) {
            stamp(schema, fields, "created_at");
        }
        stamp(schema, fields, "updated_at");
        AutoValues.fill(schema, fields);
        return fields;
    }

    private void stamp(EntitySchema schema, Map<String, @Nullable Object> fields, String field) {
        if (schema.field(field).isPresent()) {
            fields.put(field, clock.instant().getEpochSecond());
        }
    }

    private static Entity validated(EntitySchema schema, Map<String, @Nullable Object> fields) {
        EntitySchema effective = Schemas.forInput(schema, fields);
        return new Entity(effective, effective.validate(fields));
    }

    private static NotFound notFound(EntitySchema schema, String idOrKey) {
        return EntityResolution.uuid(idOrKey).isPresent() || schema.endpointKey() == null
                ? NotFound.byPrimaryKey(idOrKey) : NotFound.byEndpointKey(schema.endpointKey(), idOrKey);
    }

    private record Written(@Nullable Entity entity, List<EntityEvent> events) {
    }
}
