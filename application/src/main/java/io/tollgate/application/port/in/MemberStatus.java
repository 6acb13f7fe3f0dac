package io.tollgate.application.port.in;

import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.MemberState;
import java.util.Objects;

/**
 * A cluster member as shown by {@code GET /clustering/nodes} and {@code tollgate cluster members}.
 *
 * @param member its row in the {@code nodes} table
 * @param state its state derived at the read ({@link ClusterMember#state})
 * @param lag how many log commits it has still to apply ({@link ClusterMember#lag}), >= 0
 */
public record MemberStatus(ClusterMember member, MemberState state, long lag) {
    public MemberStatus {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(state, "state");
    }
}
