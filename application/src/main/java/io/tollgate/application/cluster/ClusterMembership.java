package io.tollgate.application.cluster;

import io.tollgate.application.port.in.AwaitOutcome;
import io.tollgate.application.port.in.BrowseCluster;
import io.tollgate.application.port.in.ClusterStatus;
import io.tollgate.application.port.in.MemberStatus;
import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.ClusterView;
import io.tollgate.domain.cluster.MemberState;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Reads the {@code nodes} table and derives each member's state and lag at the database's clock. */
public final class ClusterMembership implements BrowseCluster {

    private static final Duration POLL = Duration.ofMillis(100);

    private final ClusterNodes nodes;

    public ClusterMembership(ClusterNodes nodes) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public ClusterStatus members() {
        ClusterView view = nodes.view();
        return new ClusterStatus(
                view.head(),
                view.members().stream()
                        .map(m -> new MemberStatus(m, m.state(view.now()), m.lag(view.head())))
                        .toList());
    }

    @Override
    public Optional<MemberStatus> member(UUID id) {
        return members().members().stream()
                .filter(m -> m.member().id().equals(id))
                .findFirst();
    }

    @Override
    public AwaitOutcome await(long position, Duration timeout) {
        if (position < 0) {
            throw new IllegalArgumentException("position must be 0 or more, got " + position);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ClusterStatus status = members();
            List<MemberStatus> laggards = status.members().stream()
                    .filter(m -> m.state() == MemberState.ACTIVE && m.member().appliedPosition() < position)
                    .toList();
            if (laggards.isEmpty()) {
                return new AwaitOutcome.Reached(status);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new AwaitOutcome.TimedOut(status, laggards);
            }
            try {
                Thread.sleep(Duration.ofNanos(Math.min(left, POLL.toNanos())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new AwaitOutcome.TimedOut(status, laggards);
            }
        }
    }
}
