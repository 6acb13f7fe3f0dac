package io.tollgate.application.invalidation;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogNotifications;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.application.timer.NodeTimers;
import io.tollgate.application.timer.Periodic;
import io.tollgate.domain.cache.Invalidation;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.LogLevelChanged;
import io.tollgate.domain.event.ProxyCachePurged;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.shared.WorkspaceId;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Follows the event log so this node learns of other nodes' writes (Kong's {@code cluster_events} polling, made
 * lossless): every {@code db_update_frequency} it reads the events committed since its position, skips its own,
 * and applies the rest through {@link LocalInvalidation}, after {@code db_update_propagation} when that is set
 * (time for read replicas to catch up). Better than Kong, it also reads at once when {@link LogNotifications} wakes
 * it (another node committed a write): the poll stays as the safety net for any wake-up lost. A burst of wake-ups is
 * coalesced: at most one read runs and at most one more waits behind it. It runs on its own thread; the proxy keeps serving the previous state
 * until a rebuilt structure is swapped in. Forced target healths ({@link TargetHealthForced}, Kong's
 * {@code balancer:post_health}) of other nodes go to the health listener, after the batch's invalidations (so a target
 * created in the same batch is known by then).
 *
 * <p>A node whose position is before the compaction snapshot (it was stopped, frozen or cut off while the log was
 * compacted) cannot read the events folded away: it resynchronises instead, purging its whole cache and rebuilding
 * every structure from the entity tables, logs that once at WARNING, and goes on after the snapshot's position.
 * Forced target healths among the folded events are lost for it (they are not part of the snapshot); its own health
 * checks correct them over time.
 */
public final class InvalidationFollower implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InvalidationFollower.class.getName());
    static final int PAGE = 1000;

    private final EventLog log;
    private final LocalInvalidation invalidation;
    private final UUID nodeId;
    private final WorkspaceId workspace;
    private volatile Duration frequency;
    private final PropagationDelay propagation;
    /** The periodic read, rescheduled when {@code db_update_frequency} changes; started by {@link #startAtHead()}. */
    private final Periodic polling;

    private final ScheduledExecutorService scheduler;
    private final Consumer<TargetHealthForced> health;
    private final Consumer<ProxyCachePurged> purges;
    private final Consumer<LogLevelChanged> logLevels;
    private final LogNotifications notifications;
    private final LongConsumer propagated;
    private final Consumer<DatabaseUnavailable> outages;
    /** A wake-up read is queued and has not started yet (further wake-ups until then add nothing). */
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();

    private volatile LogPosition position = LogPosition.START;

    /**
     * @param nodeId this node: its own events are skipped (it applied them when it wrote them)
     * @param workspace the workspace whose id ends the cache keys to purge
     * @param frequency {@code db_update_frequency}, > 0
     * @param propagation {@code db_update_propagation}, >= 0 (0 = apply at once)
     * @param hooks what the follower tells beside the cache, and what wakes it ({@link FollowerHooks#none()}: nothing)
     * @throws IllegalArgumentException when {@code frequency} is not positive
     */
    public InvalidationFollower(
            EventLog log,
            LocalInvalidation invalidation,
            UUID nodeId,
            WorkspaceId workspace,
            Duration frequency,
            Duration propagation,
            FollowerHooks hooks) {
        this.propagated = hooks.propagated();
        this.outages = hooks.outages();
        this.purges = hooks.purges();
        this.logLevels = hooks.logLevels();
        this.notifications = hooks.notifications();
        this.health = hooks.health();
        this.log = Objects.requireNonNull(log, "log");
        this.invalidation = Objects.requireNonNull(invalidation, "invalidation");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.workspace = Objects.requireNonNull(workspace, "workspace");
        this.frequency = positive(frequency);
        this.scheduler = NodeTimers.scheduler("tollgate-invalidation-follower");
        this.propagation = new PropagationDelay(scheduler, propagation);
        this.polling = new Periodic(scheduler, this::pollSafely, false);
    }

    /**
     * Starts following from the log's head: call it BEFORE building the node's structures from the database, so that
     * a change committed during the build is either in the build or after the head (never lost).
     */
    public void startAtHead() {
        position = log.head();
        synchronized (this) {
            polling.every(frequency);
        }
        notifications.listen(this::wakeUp);
    }

    /**
     * Replaces {@code db_update_frequency} and {@code db_update_propagation} ({@code tollgate reload}): the periodic
     * read is rescheduled at the new interval (its first one a full interval from now) when it changed, and events
     * read from now on wait the new propagation delay; a read already waiting keeps its delay.
     *
     * @throws IllegalArgumentException when {@code frequency} is not positive
     */
    public synchronized void reconfigure(Duration frequency, Duration propagation) {
        Duration next = positive(frequency);
        this.propagation.reconfigure(propagation);
        if (next.equals(this.frequency)) {
            return;
        }
        this.frequency = next;
        if (polling.started()) {
            polling.every(next);
        }
    }

    private static Duration positive(Duration frequency) {
        if (frequency.isNegative() || frequency.isZero()) {
            throw new IllegalArgumentException("db_update_frequency must be greater than 0");
        }
        return frequency;
    }

    /**
     * Reads the log as soon as the follower's thread is free (called on a notification): queues one read unless one
     * is already queued and not started, so a burst of calls gives at most two reads. Returns at once; never throws.
     */
    public void wakeUp() {
        if (!wakeUpQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            scheduler.execute(() -> {
                wakeUpQueued.set(false);
                pollSafely();
            });
        } catch (RejectedExecutionException closed) {
            wakeUpQueued.set(false);
        }
    }

    /**
     * Runs the consistency check ({@link LocalInvalidation#verifyAll()}: every patched structure compared with a full
     * rebuild) every {@code period}, on this follower's thread right after a read of the log, so that other nodes'
     * writes committed before it are applied first and do not count as differences. Call after {@link #startAtHead()}.
     *
     * @param period time between checks, > 0 (the node uses 10 minutes: a full rebuild of 100,000 routes costs
     *     seconds of database reads and CPU, and a difference only arises from a fault)
     */
    public void checkConsistencyEvery(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("the consistency check period must be greater than 0");
        }
        long ms = period.toMillis();
        scheduler.scheduleWithFixedDelay(
                () -> {
                    pollSafely();
                    invalidation.verifyAll();
                },
                ms,
                ms,
                TimeUnit.MILLISECONDS);
    }

    /** The position up to which events have been read. */
    public LogPosition position() {
        return position;
    }

    /**
     * Reads and applies everything readable now; returns how many events of other nodes were found. Resynchronises
     * (see the class comment) when the position is behind the compaction snapshot.
     */
    int poll() {
        int applied = 0;
        boolean resynchronise = false;
        List<Invalidation> batch = new ArrayList<>();
        List<TargetHealthForced> healths = new ArrayList<>();
        List<ProxyCachePurged> purged = new ArrayList<>();
        List<LogLevelChanged> levels = new ArrayList<>();
        @Nullable Instant oldest = null;
        boolean more;
        do {
            switch (log.readAfter(position, PAGE)) {
                case LogRead.Events(List<LoggedEvent> page) -> {
                    for (LoggedEvent logged : page) {
                        position = logged.position();
                        if (logged.nodeId().equals(nodeId)) {
                            continue;
                        }
                        switch (logged.event()) {
                            case EntityEvent change -> batch.add(Invalidations.of(change, workspace));
                            case TargetHealthForced health -> healths.add(health);
                            case ProxyCachePurged purge -> purged.add(purge);
                            case LogLevelChanged change -> levels.add(change);
                        }
                        if (oldest == null || logged.occurredAt().isBefore(oldest)) {
                            oldest = logged.occurredAt();
                        }
                        applied++;
                    }
                    more = page.size() == PAGE;
                }
                case LogRead.BehindSnapshot(LogPosition behind, LogPosition snapshot) -> {
                    LOG.log(
                            Level.WARNING,
                            "this node's position in the event log " + behind
                                    + " is before the compaction snapshot at " + snapshot
                                    + ": the events in between were folded away; purging the node cache, rebuilding"
                                    + " every structure and following on after the snapshot");
                    position = snapshot;
                    resynchronise = true;
                    batch.clear(); // the resynchronisation covers them
                    more = true;
                }
            }
        } while (more);
        if (resynchronise || !batch.isEmpty() || !healths.isEmpty() || !purged.isEmpty() || !levels.isEmpty()) {
            LOG.log(
                    Level.DEBUG,
                    "applying " + (resynchronise ? "a resynchronisation, " : "") + batch.size()
                            + " invalidation(s) and " + healths.size() + " target health(s) from other nodes");
            boolean all = resynchronise;
            @Nullable Instant appended = oldest;
            Runnable apply = () -> {
                if (all) {
                    invalidation.resynchronise();
                }
                if (!batch.isEmpty()) {
                    invalidation.apply(batch);
                }
                healths.forEach(health);
                purged.forEach(purges);
                levels.forEach(logLevels);
                if (appended != null) {
                    propagated.accept(Duration.between(appended, Instant.now()).toMillis());
                }
            };
            propagation.submit(apply);
        }
        invalidation.retryPending();
        return applied;
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            DatabaseUnavailable outage = DatabaseOutages.cause(e);
            if (outage != null) { // logged once per outage, as it starts and as it ends
                outages.accept(outage);
                LOG.log(Level.DEBUG, "could not read the event log, will retry: " + e);
                return;
            }
            LOG.log(Level.WARNING, "could not read the event log, will retry in " + frequency.toMillis() + " ms: " + e);
        }
    }

    @Override
    public void close() {
        notifications.close();
        scheduler.shutdownNow();
    }
}
