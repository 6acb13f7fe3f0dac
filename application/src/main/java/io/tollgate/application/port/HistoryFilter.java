package io.tollgate.application.port;

import io.tollgate.domain.catalog.EntityKind;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which entity events of the configuration history to show; every set criterion must hold ({@code null} = any).
 *
 * @param kind only events of this entity kind
 * @param entityId only events of the entity with this id
 * @param tag only events whose entity carries this tag before or after the change (for a delete: the state it had)
 * @param nodeId only events written by this node
 * @param since only events appended at or after this instant (inclusive)
 * @param until only events appended before this instant (exclusive)
 */
public record HistoryFilter(
        @Nullable EntityKind kind,
        @Nullable UUID entityId,
        @Nullable String tag,
        @Nullable UUID nodeId,
        @Nullable Instant since,
        @Nullable Instant until) {

    /** Every entity event. */
    public static final HistoryFilter ALL = new HistoryFilter(null, null, null, null, null, null);

    /** This filter narrowed to the entity of {@code kind} with {@code id} (replacing any kind or id it had). */
    public HistoryFilter narrowedTo(EntityKind kind, UUID id) {
        return new HistoryFilter(kind, id, tag, nodeId, since, until);
    }

    /** Whether an event at {@code at} passes {@link #since()} and {@link #until()}; for in-memory histories. */
    public boolean covers(Instant at) {
        return (since == null || !at.isBefore(since)) && (until == null || at.isBefore(until));
    }
}
