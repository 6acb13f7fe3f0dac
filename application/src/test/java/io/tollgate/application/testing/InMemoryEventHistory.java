package io.tollgate.application.testing;

import io.tollgate.application.port.HistoryFilter;
import io.tollgate.application.port.out.EventHistory;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EventHistory} over events kept in memory, with the semantics of the PostgreSQL one: entity events only,
 * newest first, every filter, JSON containment for {@link #lastEntityWith}. Events get positions {@code (n, n)} in
 * the order they are added. Shared by the application's and the adapters' tests.
 */
public final class InMemoryEventHistory implements EventHistory {

    private final List<LoggedEvent> events = new ArrayList<>();
    /** How many times {@link #newestFirst} was called. */
    public int reads;

    /** Forgets every event. */
    public synchronized void clear() {
        events.clear();
        reads = 0;
    }

    /** Adds an event written by {@code node} at {@code at}; returns it as logged. */
    public synchronized LoggedEvent add(UUID node, Instant at, ClusterEvent event) {
        long n = events.size() + 1;
        LoggedEvent logged = new LoggedEvent(new LogPosition(n, n), node, at, event);
        events.add(logged);
        return logged;
    }

    @Override
    public synchronized List<LoggedEvent> newestFirst(HistoryFilter filter, @Nullable LogPosition before, int limit) {
        reads++;
        List<LoggedEvent> out = new ArrayList<>();
        for (int i = events.size() - 1; i >= 0 && out.size() < limit; i--) {
            LoggedEvent logged = events.get(i);
            if ((before == null || logged.position().compareTo(before) < 0) && passes(logged, filter)) {
                out.add(logged);
            }
        }
        return out;
    }

    @Override
    public synchronized Optional<UUID> lastEntityWith(EntityKind kind, Map<String, Object> fields) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (events.get(i).event() instanceof EntityEvent change
                    && change.entity().schema().kind() == kind
                    && contains(change.entity().fields(), fields)) {
                return Optional.of(change.entity().id());
            }
        }
        return Optional.empty();
    }

    private static boolean passes(LoggedEvent logged, HistoryFilter filter) {
        List<Entity> states = switch (logged.event()) {
            case EntityCreated created -> List.of(created.entity());
            case EntityUpdated updated -> List.of(updated.entity(), updated.previous());
            case EntityDeleted deleted -> List.of(deleted.entity());
            case TargetHealthForced health -> List.of();
            case ProxyCachePurged purge -> List.of();
            case LogLevelChanged change -> List.of();
        };
        if (states.isEmpty()) {
            return false;
        }
        Entity entity = states.get(0);
        return (filter.kind() == null || entity.schema().kind() == filter.kind())
                && (filter.entityId() == null || entity.id().equals(filter.entityId()))
                && (filter.nodeId() == null || logged.nodeId().equals(filter.nodeId()))
                && filter.covers(logged.occurredAt())
                && (filter.tag() == null || states.stream().anyMatch(state -> tagged(state, filter.tag())));
    }

    private static boolean tagged(Entity entity, String tag) {
        return entity.get("tags") instanceof Collection<?> tags && tags.contains(tag);
    }

    /** JSON containment: every key of {@code wanted} is in {@code actual} with an equal or containing value. */
    private static boolean contains(Map<?, ?> actual, Map<?, ?> wanted) {
        for (Map.Entry<?, ?> entry : wanted.entrySet()) {
            Object value = actual.get(entry.getKey());
            if (entry.getValue() instanceof Map<?, ?> nested) {
                if (!(value instanceof Map<?, ?> actualNested) || !contains(actualNested, nested)) {
                    return false;
                }
            } else if (!Objects.equals(value, entry.getValue())) {
                return false;
            }
        }
        return true;
    }
}
