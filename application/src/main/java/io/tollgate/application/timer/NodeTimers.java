package io.tollgate.application.timer;

import io.tollgate.application.port.in.InspectTimers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The node's periodic background tasks (Kong's timers): every scheduler the node makes with {@link #scheduler} runs on
 * one daemon thread of that name and is counted here until it shuts down: its tasks running, pending (due, not yet
 * started) and waiting, its runs, their errors and durations. The count is per process, as a Kong worker counts its
 * own timers.
 */
public final class NodeTimers {

    private static final Set<Tracked> SCHEDULERS = ConcurrentHashMap.newKeySet();

    private NodeTimers() {}

    /** A single-thread scheduler on a daemon thread called {@code name}, counted in {@link #timers()}. */
    public static ScheduledExecutorService scheduler(String name) {
        Tracked scheduler = new Tracked(name);
        SCHEDULERS.add(scheduler);
        return scheduler;
    }

    /** What the live schedulers are doing and have done, sorted by name. */
    public static InspectTimers.Timers timers() {
        List<InspectTimers.Timer> timers = new ArrayList<>();
        int running = 0;
        int pending = 0;
        int waiting = 0;
        long runs = 0;
        for (Tracked scheduler : SCHEDULERS) {
            InspectTimers.Timer timer = scheduler.timer();
            int queued = scheduler.getQueue().size();
            timers.add(timer);
            running += timer.running();
            pending += timer.pending();
            waiting += Math.max(0, queued - timer.pending());
            runs += timer.runs();
        }
        timers.sort(Comparator.comparing(InspectTimers.Timer::name));
        return new InspectTimers.Timers(running, runs, pending, waiting, timers);
    }

    /** A one-thread scheduler that times its runs. */
    private static final class Tracked extends ScheduledThreadPoolExecutor {

        private final String name;
        private int running;
        private long startedNanos;
        private long runs;
        private long finish;
        private String lastError = "";
        private double sum;
        private double sumOfSquares;
        private double min;
        private double max;

        Tracked(String name) {
            super(1, task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            });
            this.name = name;
            setRemoveOnCancelPolicy(true); // a cancelled task is no timer any more
        }

        @Override
        protected synchronized void beforeExecute(Thread thread, Runnable task) {
            running++;
            startedNanos = System.nanoTime();
        }

        @Override
        protected void afterExecute(Runnable task, @Nullable Throwable thrown) {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            @Nullable String error = thrown != null ? thrown.toString() : failure(task);
            synchronized (this) {
                running--;
                runs++;
                if (error == null) {
                    finish++;
                } else {
                    lastError = error;
                }
                min = runs == 1 ? seconds : Math.min(min, seconds);
                max = Math.max(max, seconds);
                sum += seconds;
                sumOfSquares += seconds * seconds;
            }
        }

        /** A scheduled task keeps what it threw in its future (which is then done); {@code null} when it did not. */
        private static @Nullable String failure(Runnable task) {
            if (task instanceof Future<?> future && future.isDone() && !future.isCancelled()) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    return String.valueOf(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (CancellationException e) {
                    return null;
                }
            }
            return null;
        }

        @Override
        protected void terminated() {
            SCHEDULERS.remove(this);
        }

        synchronized InspectTimers.Timer timer() {
            int due = 0;
            for (Runnable queued : getQueue()) {
                if (queued instanceof Delayed delayed && delayed.getDelay(TimeUnit.NANOSECONDS) <= 0) {
                    due++;
                }
            }
            double avg = runs == 0 ? 0 : sum / runs;
            double variance = runs == 0 ? 0 : Math.max(0, sumOfSquares / runs - avg * avg);
            return new InspectTimers.Timer(
                    name, running, due, runs, finish, lastError, new InspectTimers.Elapsed(min, max, avg, variance));
        }
    }
}
