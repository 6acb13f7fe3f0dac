package io.tollgate.application.invalidation;

import java.time.Duration;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Kong's {@code db_update_propagation}: the invalidations a node reads from the log are applied that long after the
 * read, to give a lagging replica time to catch up. Applies run in read order, even after the delay was shortened by
 * {@code tollgate reload} (a later read's apply waits for an earlier read's), on the follower's scheduler.
 */
final class PropagationDelay {

    /** One read's apply and when it is due ({@link System#nanoTime()}). */
    private record Pending(long at, Runnable apply) {}

    private final ScheduledExecutorService scheduler;
    /** The applies waiting, in read order, their deadlines non-decreasing. */
    private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();

    private volatile Duration delay;
    /** The last pending apply's deadline; written by {@link #submit} only, which one thread calls. */
    private long lastAt = System.nanoTime();

    /** @param delay {@code db_update_propagation}; zero or negative = apply at once */
    PropagationDelay(ScheduledExecutorService scheduler, Duration delay) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /** Replaces the delay for the reads submitted from now on; those already waiting keep their deadline. */
    void reconfigure(Duration delay) {
        this.delay = Objects.requireNonNull(delay, "delay");
    }

    /** Runs {@code apply} now when there is no delay and nothing waits, else queues it and schedules its run. */
    void submit(Runnable apply) {
        Duration wait = delay;
        if ((wait.isZero() || wait.isNegative()) && pending.isEmpty()) {
            apply.run();
            return;
        }
        long now = System.nanoTime();
        long at = Math.max(now + Math.max(0, wait.toNanos()), lastAt);
        lastAt = at;
        pending.add(new Pending(at, apply));
        scheduler.schedule(this::runDue, at - now, TimeUnit.NANOSECONDS);
    }

    /** Runs the applies that are due, oldest first. */
    private void runDue() {
        long now = System.nanoTime();
        for (Pending next = pending.peek(); next != null && now - next.at() >= 0; next = pending.peek()) {
            pending.remove();
            next.apply().run();
        }
    }
}
