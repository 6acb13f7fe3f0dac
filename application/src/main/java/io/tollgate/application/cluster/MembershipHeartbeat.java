package io.tollgate.application.cluster;

import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.ClusterView;
import io.tollgate.application.port.out.NodeRegistration;
import io.tollgate.application.timer.NodeTimers;
import io.tollgate.application.timer.Periodic;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.RecordedState;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * This node's row in the {@code nodes} table, kept on a background thread of its own (never on a request's path):
 * written whole ({@code active}) at {@link #start()}, heartbeated every {@code db_update_frequency} with the log
 * position the node has applied, {@code leaving} from {@link #leaving()} (a graceful stop begins) and {@code left} at
 * {@link #close()} (the node has stopped). Each heartbeat also deletes the rows of members that have been
 * {@code failed} or {@code left} for longer than {@code cluster_ttl_on_failure} (Kong's property), whichever node
 * gets there first. Between heartbeats, the applied position is checked every {@link #POSITION_CHECK}: when it has
 * moved, it is recorded at once (one {@code UPDATE} of the row), so {@code GET /clustering/await} sees a write applied
 * within about 100 ms rather than one {@code db_update_frequency}.
 *
 * <p>A database outage does not stop the node: a failed heartbeat is logged once at WARNING, the next ones silently
 * retried every interval, and the first success after it logged once at INFO.
 */
public final class MembershipHeartbeat implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MembershipHeartbeat.class.getName());
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    /** How often the applied position is compared with the last one recorded, between heartbeats. */
    static final Duration POSITION_CHECK = Duration.ofMillis(100);

    private final ClusterNodes nodes;
    private volatile NodeRegistration registration;
    private final LongSupplier applied;
    private final Duration ttlOnFailure;
    private final ScheduledExecutorService scheduler;
    private volatile RecordedState state = RecordedState.ACTIVE;
    /** The periodic heartbeat, the first one at once; rescheduled under {@link #scheduling} (a beat never holds it). */
    private final Periodic beating;

    private final Object scheduling = new Object();

    private boolean joined;
    private boolean failing;
    /** The applied position last written to the row; guarded by {@code this}. */
    private long recorded = -1;

    /**
     * @param registration what the node records about itself; its {@code heartbeatInterval} is the heartbeat period
     * @param applied the log commit number this node has applied up to (read at every heartbeat)
     * @param ttlOnFailure {@code cluster_ttl_on_failure}, > 0
     * @throws IllegalArgumentException when {@code ttlOnFailure} is not positive
     */
    public MembershipHeartbeat(
            ClusterNodes nodes, NodeRegistration registration, LongSupplier applied, Duration ttlOnFailure) {
        this.nodes = Objects.requireNonNull(nodes, "nodes");
        this.registration = Objects.requireNonNull(registration, "registration");
        this.applied = Objects.requireNonNull(applied, "applied");
        this.ttlOnFailure = Objects.requireNonNull(ttlOnFailure, "ttlOnFailure");
        if (ttlOnFailure.isNegative() || ttlOnFailure.isZero()) {
            throw new IllegalArgumentException("cluster_ttl_on_failure must be positive, got " + ttlOnFailure);
        }
        this.scheduler = NodeTimers.scheduler("tollgate-membership");
        this.beating = new Periodic(scheduler, this::beat, true);
    }

    /** Joins now (on the heartbeat thread) and heartbeats every interval from then on. */
    public void start() {
        synchronized (scheduling) {
            beating.every(registration.heartbeatInterval());
        }
        long checkMs = POSITION_CHECK.toMillis();
        scheduler.scheduleWithFixedDelay(this::recordPosition, checkMs, checkMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Replaces what the node records about itself after {@code tollgate reload}: the configuration hash and the
     * heartbeat interval ({@code db_update_frequency}). A heartbeat writes it at once, and the next ones follow the new
     * interval. Never waits for the database.
     *
     * @param next the node's registration with the new values ({@link NodeRegistration#reconfigured})
     * @throws IllegalArgumentException when {@code next} is another node's
     */
    public void reconfigure(NodeRegistration next) {
        if (!next.id().equals(registration.id())) {
            throw new IllegalArgumentException("the registration of node " + next.id() + ", not " + registration.id());
        }
        if (next.equals(registration)) {
            return;
        }
        boolean newInterval = !next.heartbeatInterval().equals(registration.heartbeatInterval());
        registration = next;
        synchronized (scheduling) {
            if (!beating.started() || scheduler.isShutdown()) {
                return; // start() or close() writes it
            }
            try {
                if (newInterval) {
                    beating.every(next.heartbeatInterval());
                } else {
                    scheduler.execute(this::beat);
                }
            } catch (RejectedExecutionException e) {
                // closing: close() records the node as it is now
            }
        }
    }

    /** What the node records about itself now: as constructed, or as last {@linkplain #reconfigure reconfigured}. */
    public NodeRegistration registration() {
        return registration;
    }

    /**
     * Records the applied position now when it has moved since the last write of the row; nothing before the join
     * or while heartbeats fail (the heartbeat retries and logs those). Never throws.
     */
    synchronized void recordPosition() {
        if (!joined || failing) {
            return;
        }
        long position = applied.getAsLong();
        if (position == recorded) {
            return;
        }
        try {
            nodes.beat(registration, state, position);
            recorded = position;
        } catch (RuntimeException e) {
            // the next heartbeat writes it, or reports the failure
        }
    }

    /** A graceful stop begins: records {@code leaving} now (on the calling thread); heartbeats go on. */
    public void leaving() {
        state = RecordedState.LEAVING;
        beat();
    }

    /** The node has stopped: ends the heartbeats and records {@code left} (on the calling thread). */
    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        state = RecordedState.LEFT;
        beat();
    }

    /** One heartbeat (a join the first time, and until one succeeds), then the clean-up of expired members. */
    synchronized void beat() {
        try {
            long position = applied.getAsLong();
            if (joined) {
                nodes.beat(registration, state, position);
            } else {
                nodes.join(registration, position);
                joined = true;
                if (state != RecordedState.ACTIVE) {
                    nodes.beat(registration, state, position);
                }
            }
            recorded = position;
            removeExpired();
            if (failing) {
                failing = false;
                LOG.log(Level.INFO, "cluster heartbeat written again");
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                LOG.log(
                        Level.WARNING,
                        "could not write this node's cluster heartbeat, retrying every "
                                + registration.heartbeatInterval().toMillis()
                                + " ms (logged once until it succeeds): " + e);
            }
        }
    }

    private void removeExpired() {
        ClusterView view = nodes.view();
        List<ClusterMember> expired = view.members().stream()
                .filter(m -> !m.id().equals(registration.id()) && m.expired(view.now(), ttlOnFailure))
                .toList();
        if (!expired.isEmpty()) {
            int removed = nodes.remove(expired);
            LOG.log(
                    Level.INFO,
                    "removed " + removed + " cluster member(s) failed or left for more than "
                            + ttlOnFailure.toSeconds() + " s: "
                            + expired.stream().map(m -> m.id().toString()).toList());
        }
    }
}
