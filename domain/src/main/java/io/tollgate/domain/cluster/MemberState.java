package io.tollgate.domain.cluster;

import java.util.Locale;

/**
 * A member's state as Kong 0.x's {@code kong cluster members} showed it: {@code active}, {@code failed} (it stopped
 * heartbeating without saying goodbye), {@code leaving} (a graceful stop has begun) or {@code left} (it stopped
 * gracefully). Derived by {@link ClusterMember#state}.
 */
public enum MemberState {
    ACTIVE,
    FAILED,
    LEAVING,
    LEFT;

    /** The name shown by the Admin API and the CLI: {@code active}, {@code failed}, {@code leaving}, {@code left}. */
    public String shown() {
        return name().toLowerCase(Locale.ROOT);
    }
}
