package io.tollgate.application.timer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One task run with a fixed delay between runs on a scheduler, whose period can be changed while it runs (a Kong
 * timer whose interval {@code tollgate reload} may change, such as {@code db_update_frequency}'s). Thread-safe.
 */
public final class Periodic {

    private final ScheduledExecutorService scheduler;
    private final Runnable task;
    private final boolean atOnce;
    /** The current schedule; null before the first {@link #every}. */
    private @Nullable ScheduledFuture<?> schedule;

    /**
     * @param scheduler where the task runs (one of {@link NodeTimers#scheduler})
     * @param task what runs every period; it should catch what it throws (a throw ends the schedule, as with
     *     {@link ScheduledExecutorService#scheduleWithFixedDelay})
     * @param atOnce true: the first run of each schedule is at once; false: one period after {@link #every}
     */
    public Periodic(ScheduledExecutorService scheduler, Runnable task, boolean atOnce) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.task = Objects.requireNonNull(task, "task");
        this.atOnce = atOnce;
    }

    /**
     * Runs the task every {@code period} (ms precision, at least 1 ms) from now on, replacing any previous schedule
     * (a run in progress finishes).
     *
     * @throws RejectedExecutionException when the scheduler is shut down
     */
    public synchronized void every(Duration period) {
        long periodMs = Math.max(1, period.toMillis());
        if (schedule != null) {
            schedule.cancel(false);
        }
        schedule = scheduler.scheduleWithFixedDelay(task, atOnce ? 0 : periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Whether {@link #every} has scheduled the task. */
    public synchronized boolean started() {
        return schedule != null;
    }
}
