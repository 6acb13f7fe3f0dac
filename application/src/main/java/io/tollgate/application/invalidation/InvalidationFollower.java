package io.tollgate.application.invalidation;

import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.cache.Invalidation;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.shared.WorkspaceId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Follows the event log so this node learns of other nodes' writes (Kong's {@code cluster_events} polling, made
 * lossless): every {@code db_update_frequency} it reads the events committed since its position, skips its own,
 * and applies the rest through {@link LocalInvalidation}, after {@code db_update_propagation} when that is set
 * (time for read replicas to catch up). It runs on its own thread; the proxy keeps serving the previous state
 * until a rebuilt structure is swapped in. Forced target healths ({@link TargetHealthForced}, Kong's
 * {@code balancer:post_health}) of other nodes go to the health listener, after the batch's invalidations (so a target
 * created in the same batch is known by then).
 */
public final class InvalidationFollower implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InvalidationFollower.class.getName());
    static final int PAGE = 1000;

    private final EventLog log;
    private final LocalInvalidation invalidation;
    private final UUID nodeId;
    private final WorkspaceId workspace;
    private final Duration frequency;
    private final Duration propagation;
    private final ScheduledExecutorService scheduler;
    private final Consumer<TargetHealthForced> health;
    private volatile LogPosition position = LogPosition.START;

    /**
     * @param nodeId this node: its own events are skipped (it applied them when it wrote them)
     * @param workspace the workspace whose id ends the cache keys to purge
     * @param frequency {@code db_update_frequency}, > 0
     * @param propagation {@code db_update_propagation}, >= 0 (0 = apply at once)
     * @param health takes the forced target healths other nodes appended (the health checker); must not throw
     */
    public InvalidationFollower(
            EventLog log,
            LocalInvalidation invalidation,
            UUID nodeId,
            WorkspaceId workspace,
            Duration frequency,
            Duration propagation,
            Consumer<TargetHealthForced> health) {
        this.health = Objects.requireNonNull(health, "health");
        this.log = Objects.requireNonNull(log, "log");
        this.invalidation = Objects.requireNonNull(invalidation, "invalidation");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        if (frequency.isNegative() || frequency.isZero()) {
            throw new IllegalArgumentException("db_update_frequency must be greater than 0");
        }
        this.frequency = frequency;
        this.propagation = propagation;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tollgate-invalidation-follower");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts following from the log's head: call it BEFORE building the node's structures from the database, so that
     * a change committed during the build is either in the build or after the head (never lost).
     */
    public void startAtHead() {
        position = log.head();
        long periodMs = Math.max(1, frequency.toMillis());
        scheduler.scheduleWithFixedDelay(this::pollSafely, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** The position up to which events have been read. */
    public LogPosition position() {
        return position;
    }

    /** Reads and applies everything readable now; returns how many events of other nodes were found. */
    int poll() {
        int applied = 0;
        List<Invalidation> batch = new ArrayList<>();
        List<TargetHealthForced> healths = new ArrayList<>();
        List<LoggedEvent> page;
        do {
            page = log.readAfter(position, PAGE);
            for (LoggedEvent logged : page) {
                position = logged.position();
                if (logged.nodeId().equals(nodeId)) {
                    continue;
                }
                switch (logged.event()) {
                    case EntityEvent change -> batch.add(Invalidations.of(change, workspace));
                    case TargetHealthForced health -> healths.add(health);
                }
                applied++;
            }
        } while (page.size() == PAGE);
        if (!batch.isEmpty() || !healths.isEmpty()) {
            LOG.log(
                    Level.DEBUG,
                    "applying " + batch.size() + " invalidation(s) and " + healths.size()
                            + " target health(s) from other nodes");
            Runnable apply = () -> {
                if (!batch.isEmpty()) {
                    invalidation.apply(batch);
                }
                healths.forEach(health);
            };
            if (propagation.isZero() || propagation.isNegative()) {
                apply.run();
            } else {
                scheduler.schedule(apply, propagation.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        invalidation.retryPending();
        return applied;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not read the event log, will retry in " + frequency.toMillis() + " ms: " + e);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
