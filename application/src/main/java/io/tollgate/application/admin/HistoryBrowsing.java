package io.tollgate.application.admin;

import io.tollgate.application.port.EntityAddress;
import io.tollgate.application.port.HistoryEntry;
import io.tollgate.application.port.HistoryEntry.Operation;
import io.tollgate.application.port.HistoryPage;
import io.tollgate.application.port.HistoryPosition;
import io.tollgate.application.port.HistoryQuery;
import io.tollgate.application.port.in.BrowseHistory;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventHistory;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The configuration history read from the event log ({@link EventHistory}), each entity event turned into a
 * {@link HistoryEntry} whose states have their secrets redacted by the entity's schema ({@link Schemas#redacted}, a
 * plugin's with its plugin's subschema). Entities are addressed as the Admin API addresses them
 * ({@link EntityResolution}): by id, or by endpoint key, looked up in the entity tables first and, for entities that
 * no longer have it (deleted or renamed), in the log.
 */
public final class HistoryBrowsing implements BrowseHistory {

    private final EventHistory log;
    private final EntityStore store;

    public HistoryBrowsing(EventHistory log, EntityStore store) {
        this.log = Objects.requireNonNull(log, "log");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public HistoryPage history(HistoryQuery query) {
        HistoryPosition before = query.before();
        List<LoggedEvent> events = log.newestFirst(
                query.filter(),
                before == null ? null : new LogPosition(before.commit(), before.eventId()),
                query.size() + 1);
        List<HistoryEntry> entries = new ArrayList<>();
        for (LoggedEvent event : events.subList(0, Math.min(events.size(), query.size()))) {
            entry(event).ifPresent(entries::add);
        }
        HistoryPosition next = events.size() > query.size()
                ? position(events.get(query.size() - 1).position())
                : null;
        return new HistoryPage(entries, next);
    }

    @Override
    public Optional<HistoryPage> history(EntityAddress address, HistoryQuery query) {
        return resolve(address)
                .map(id -> history(new HistoryQuery(
                        query.size(), query.before(), query.filter().narrowedTo(address.kind(), id))));
    }

    /** The id the address names now, or the last entity the log saw with it. */
    private Optional<UUID> resolve(EntityAddress address) {
        EntityAddress.Parent parent = address.parent();
        if (parent == null) {
            return resolve(address.kind(), address.idOrKey(), null, null);
        }
        return resolve(parent.kind(), parent.idOrKey(), null, null)
                .flatMap(parentId -> resolve(address.kind(), address.idOrKey(), parent.foreignField(), parentId));
    }

    private Optional<UUID> resolve(
            EntityKind kind, String idOrKey, @Nullable String foreignField, @Nullable UUID parentId) {
        EntitySchema schema = Schemas.of(kind);
        Map<String, Object> below = new LinkedHashMap<>();
        if (foreignField != null && parentId != null) {
            below.put(foreignField, Map.of("id", parentId.toString()));
        }
        Optional<UUID> id = EntityResolution.uuid(idOrKey);
        if (id.isPresent()) {
            Optional<Entity> current = store.find(schema, id.get());
            return current.isPresent()
                    ? current.filter(e -> isBelow(e, foreignField, parentId)).map(Entity::id)
                    : log.lastEntityWith(kind, with(below, "id", id.get().toString()));
        }
        String key = schema.endpointKey();
        if (key == null) {
            throw EntityResolution.invalidPrimaryKey();
        }
        boolean unique = schema.field(key).map(FieldSpec::isUnique).orElse(false);
        if (!unique && foreignField == null) {
            return Optional.empty(); // a key unique per parent names nothing at the top level (as EntityResolution)
        }
        Object normalised = schema.expand(Map.of(key, idOrKey)).getOrDefault(key, idOrKey);
        Optional<Entity> current = unique
                ? store.findBy(schema, key, idOrKey)
                : store
                        .referencing(schema, Objects.requireNonNull(foreignField), Objects.requireNonNull(parentId))
                        .stream()
                        .filter(e -> idOrKey.equals(e.get(key)) || normalised.equals(e.get(key)))
                        .findFirst();
        if (current.isPresent()) {
            return current.filter(e -> isBelow(e, foreignField, parentId)).map(Entity::id);
        }
        Optional<UUID> last = log.lastEntityWith(kind, with(below, key, normalised));
        return last.isPresent() || normalised.equals(idOrKey)
                ? last
                : log.lastEntityWith(kind, with(below, key, idOrKey));
    }

    private static boolean isBelow(Entity entity, @Nullable String foreignField, @Nullable UUID parentId) {
        return foreignField == null
                || entity.foreignId(foreignField)
                        .filter(id -> id.equals(parentId))
                        .isPresent();
    }

    private static Map<String, Object> with(Map<String, Object> fields, String field, Object value) {
        Map<String, Object> out = new LinkedHashMap<>(fields);
        out.put(field, value);
        return out;
    }

    /** The entry of an entity event; empty for anything else (the port returns entity events only). */
    private static Optional<HistoryEntry> entry(LoggedEvent logged) {
        return switch (logged.event()) {
            case EntityCreated created ->
                Optional.of(entry(logged, Operation.CREATE, created.entity(), null, created.entity()));
            case EntityUpdated updated ->
                Optional.of(entry(logged, Operation.UPDATE, updated.entity(), updated.previous(), updated.entity()));
            case EntityDeleted deleted ->
                Optional.of(entry(logged, Operation.DELETE, deleted.entity(), deleted.entity(), null));
            case TargetHealthForced health -> Optional.empty();
            case ProxyCachePurged purge -> Optional.empty();
            case LogLevelChanged change -> Optional.empty();
        };
    }

    private static HistoryEntry entry(
            LoggedEvent logged, Operation operation, Entity subject, @Nullable Entity before, @Nullable Entity after) {
        return new HistoryEntry(
                position(logged.position()),
                logged.occurredAt(),
                logged.nodeId(),
                operation,
                subject.schema().kind(),
                subject.id(),
                before == null ? null : Schemas.redacted(before),
                after == null ? null : Schemas.redacted(after));
    }

    private static HistoryPosition position(LogPosition position) {
        return new HistoryPosition(position.commit(), position.eventId());
    }
}
