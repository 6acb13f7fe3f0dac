package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.LogPosition;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The whole configuration as the event log says it was at a position ({@link LogState}): every entity kind of the
 * catalogue, in its dependency order, each with its entities by id, as stored (a certificate without its transient
 * {@code snis} names).
 *
 * @param position the log position the state stands at ({@code <commit number>:<event id>})
 * @param moment when that was: the moment asked for, or the last folded event's {@code occurred_at}; {@code null}
 *        when unknown (nothing was ever appended before the position)
 * @param entities every kind, in the catalogue's order (empty lists included), each kind's entities by id
 */
public record PastConfiguration(
        LogPosition position, @Nullable Instant moment, Map<EntityKind, List<Entity>> entities) {

    public PastConfiguration {
        Objects.requireNonNull(position, "position");
        Map<EntityKind, List<Entity>> copy = new EnumMap<>(EntityKind.class);
        for (EntityKind kind : EntityKind.values()) {
            copy.put(kind, List.copyOf(entities.getOrDefault(kind, List.of())));
        }
        entities = Collections.unmodifiableMap(copy);
    }

    /** {@link #moment()} in epoch seconds (up to six decimals), or {@code null}. */
    public @Nullable BigDecimal epochSeconds() {
        return moment == null ? null : Moments.epochSeconds(moment);
    }
}
