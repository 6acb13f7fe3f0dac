package io.tollgate.application.port.out;

import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.RecordedState;
import java.util.Collection;

/**
 * The {@code nodes} table, where each node of the cluster records itself (Kong 0.x's cluster members, on the
 * database). Timestamps are the database's clock, shared by every node. Every method throws
 * {@link io.tollgate.application.port.DatabaseUnavailable} when the database cannot be reached.
 */
public interface ClusterNodes {

    /**
     * A node (re)starts: writes its row whole, state {@code active}, started and heartbeated now.
     *
     * @param appliedPosition the log commit number the node has applied up to
     */
    void join(NodeRegistration node, long appliedPosition);

    /**
     * A heartbeat or a state change: stamps the row's heartbeat now and writes {@code state} and the applied
     * position; recreates the row (started now) when it was deleted meanwhile.
     */
    void beat(NodeRegistration node, RecordedState state, long appliedPosition);

    /** Every row with the database's clock and the log's head. */
    ClusterView view();

    /**
     * Deletes the rows of {@code members} that have not been written since they were read (same id and last
     * heartbeat), so that a node that came back meanwhile keeps its row.
     *
     * @return how many rows were deleted
     */
    int remove(Collection<ClusterMember> members);
}
