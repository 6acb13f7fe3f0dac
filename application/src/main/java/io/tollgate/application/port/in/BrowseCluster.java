package io.tollgate.application.port.in;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * The cluster's members as the {@code nodes} table records them (Kong 0.x's {@code kong cluster members}, Tollgate's
 * {@code GET /clustering/nodes} and {@code tollgate cluster members}). Every method throws
 * {@link io.tollgate.application.port.DatabaseUnavailable} when the database cannot be reached.
 */
public interface BrowseCluster {

    /** Every member with its derived state and lag. */
    ClusterStatus members();

    /** One member, or empty when no row has this id. */
    Optional<MemberStatus> member(UUID id);

    /**
     * Waits until every {@code active} member has applied the log up to commit number {@code position} (read your
     * writes across the cluster), re-reading the members every 100 ms; blocks the calling thread.
     *
     * @param position a commit number, as a write's {@code X-Tollgate-Log-Position} gives it, >= 0
     * @param timeout how long to wait at most, > 0
     * @throws IllegalArgumentException when {@code position} is negative or {@code timeout} not positive
     */
    AwaitOutcome await(long position, Duration timeout);
}
