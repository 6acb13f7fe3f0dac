package io.tollgate.application.compaction;

import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.port.out.LogCompaction;
import io.tollgate.application.timer.NodeTimers;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Compacts the event log on a background thread of this node ({@code event_log_retention}): every
 * {@code min(retention, 1 hour)}, the first time {@code min(that, 1 minute)} after {@link #start()}; never when the
 * retention is 0 (keep every event). Every node runs one; {@link LogCompaction} lets one at a time do the work (the
 * others find it {@link Compaction.Busy}). Each outcome is logged at INFO, a failure at WARNING (retried at the next
 * run).
 */
public final class CompactionSchedule implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CompactionSchedule.class.getName());
    static final Duration MAX_PERIOD = Duration.ofHours(1);
    static final Duration MAX_FIRST_DELAY = Duration.ofMinutes(1);

    private final LogCompaction compaction;
    private final Duration retention;
    private final ScheduledExecutorService scheduler;

    /**
     * @param retention {@code event_log_retention}: events older than this are folded; {@link Duration#ZERO} = never
     *     compact
     * @throws IllegalArgumentException when {@code retention} is negative
     */
    public CompactionSchedule(LogCompaction compaction, Duration retention) {
        this.compaction = Objects.requireNonNull(compaction, "compaction");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative()) {
            throw new IllegalArgumentException("event_log_retention must be 0 or more, got " + retention);
        }
        this.scheduler = NodeTimers.scheduler("tollgate-log-compaction");
    }

    /** Whether this schedule compacts at all ({@code event_log_retention} greater than 0). */
    public boolean enabled() {
        return !retention.isZero();
    }

    /** The time between two compactions: {@code min(retention, 1 hour)}. Meaningless when not {@link #enabled()}. */
    public Duration period() {
        return retention.compareTo(MAX_PERIOD) < 0 ? retention : MAX_PERIOD;
    }

    /** Starts the schedule (nothing when not {@link #enabled()}). */
    public void start() {
        if (!enabled()) {
            LOG.log(Level.INFO, "event_log_retention = 0: the event log is never compacted");
            return;
        }
        long periodMs = Math.max(1, period().toMillis());
        long firstMs = Math.min(periodMs, MAX_FIRST_DELAY.toMillis());
        scheduler.scheduleWithFixedDelay(this::runSafely, firstMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Runs one compaction now, on the calling thread, and logs its outcome.
     *
     * @throws IllegalStateException when not {@link #enabled()}
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public Compaction runOnce() {
        if (!enabled()) {
            throw new IllegalStateException("event_log_retention is 0: compaction is off");
        }
        Compaction outcome = compaction.compact(retention);
        LOG.log(Level.INFO, describe(outcome, retention));
        return outcome;
    }

    /**
     * One line saying what a compaction did, for the log and the CLI: the events folded, the snapshot's size and
     * position, the time taken and how long the folding transaction held a transaction id (milliseconds).
     */
    public static String describe(Compaction outcome, Duration retention) {
        return switch (outcome) {
            case Compaction.Folded f ->
                "event log compacted: " + f.events() + " event(s) older than " + seconds(retention)
                        + " folded into the snapshot, now " + f.snapshotRows() + " entities at " + f.to() + "; "
                        + f.deleted() + " event row(s) deleted; took "
                        + f.took().toMillis()
                        + " ms, its transaction held a transaction id for "
                        + f.held().toMillis() + " ms";
            case Compaction.UpToDate u ->
                "event log compaction: no readable event older than " + seconds(retention)
                        + " to fold; the snapshot stays at " + u.snapshot();
            case Compaction.Busy b -> "event log compaction skipped: another node is compacting the log";
        };
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.log(
                    Level.WARNING,
                    "could not compact the event log, will retry in " + period().toSeconds() + " s: " + e);
        }
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Stops the schedule; a compaction running now is interrupted (its transaction commits or rolls back whole). */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
