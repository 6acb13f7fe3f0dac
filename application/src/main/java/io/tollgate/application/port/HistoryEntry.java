package io.tollgate.application.port;

import io.tollgate.domain.catalog.EntityKind;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One change of the configuration history: an entity event of the log, with the entity's state before and after the
 * change as the Admin API shows entities, except that secrets are redacted ({@code "******"}).
 *
 * @param position where the event stands in the log
 * @param occurredAt when the event was appended (the database's clock, millisecond precision or better)
 * @param nodeId the node whose Admin API made the change
 * @param kind the entity's kind ({@link EntityKind#kongName()} is Kong's {@code entity_name})
 * @param before the state before the change; {@code null} for {@link Operation#CREATE}
 * @param after the state after the change; {@code null} for {@link Operation#DELETE}
 */
public record HistoryEntry(
        HistoryPosition position,
        Instant occurredAt,
        UUID nodeId,
        Operation operation,
        EntityKind kind,
        UUID entityId,
        @Nullable Map<String, @Nullable Object> before,
        @Nullable Map<String, @Nullable Object> after) {

    /** What the change did, named as Kong names the operations of its {@code crud} events. */
    public enum Operation {
        CREATE("create"),
        UPDATE("update"),
        DELETE("delete");

        private final String kongName;

        Operation(String kongName) {
            this.kongName = kongName;
        }

        /** {@code create}, {@code update} or {@code delete}. */
        public String kongName() {
            return kongName;
        }
    }

    public HistoryEntry {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entityId, "entityId");
        if ((before == null) != (operation == Operation.CREATE) || (after == null) != (operation == Operation.DELETE)) {
            throw new IllegalArgumentException("a " + operation.kongName() + " has "
                    + (operation == Operation.CREATE ? "no before" : "a before") + " and "
                    + (operation == Operation.DELETE ? "no after" : "an after"));
        }
        before = before == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(before));
        after = after == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(after));
    }
}
