package io.tollgate.domain.cluster;

import java.util.Locale;

/**
 * The state a node writes about itself in the {@code nodes} table: {@code active} from its start, {@code leaving} once
 * a graceful stop has begun, {@code left} once it has stopped. A node that stops without saying so (killed, cut off)
 * stays {@code active} or {@code leaving} in the table; readers then derive {@link MemberState#FAILED} from its silence.
 */
public enum RecordedState {
    ACTIVE,
    LEAVING,
    LEFT;

    /** The stored and shown name: {@code active}, {@code leaving}, {@code left}. */
    public String stored() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param stored {@code active}, {@code leaving} or {@code left}
     * @throws IllegalArgumentException for any other value
     */
    public static RecordedState ofStored(String stored) {
        return switch (stored) {
            case "active" -> ACTIVE;
            case "leaving" -> LEAVING;
            case "left" -> LEFT;
            default -> throw new IllegalArgumentException("unknown node state '" + stored + "'");
        };
    }
}
