package io.tollgate.application.port.in;

import java.util.List;

/** How {@link BrowseCluster#await} ended. */
public sealed interface AwaitOutcome {

    /** Every {@code active} member has applied the position; {@code members} are all members at that moment. */
    record Reached(ClusterStatus status) implements AwaitOutcome {}

    /** The timeout passed first; {@code laggards} are the {@code active} members still behind the position. */
    record TimedOut(ClusterStatus status, List<MemberStatus> laggards) implements AwaitOutcome {
        public TimedOut {
            laggards = List.copyOf(laggards);
        }
    }
}
