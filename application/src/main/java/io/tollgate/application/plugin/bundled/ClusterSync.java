package io.tollgate.application.plugin.bundled;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The background thread of the {@code cluster} policy: started by the first request that uses it, it runs
 * {@link ClusterCounters#flush()} every {@code interval} milliseconds (a daemon thread, for the node's lifetime).
 */
final class ClusterSync {

    private final ClusterCounters counters;
    private final long interval;
    private final AtomicBoolean started = new AtomicBoolean();

    ClusterSync(ClusterCounters counters, long interval) {
        this.counters = counters;
        this.interval = interval;
    }

    /** The counters, with their flusher running. */
    ClusterCounters started() {
        if (!started.get() && started.compareAndSet(false, true)) {
            ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "rate-limiting-cluster-sync");
                thread.setDaemon(true);
                return thread;
            });
            flusher.scheduleWithFixedDelay(this::flush, interval, interval, TimeUnit.MILLISECONDS);
        }
        return counters;
    }

    private void flush() {
        try {
            counters.flush();
        } catch (RuntimeException | Error e) { // keep the schedule alive whatever happens
            System.getLogger(ClusterSync.class.getName())
                    .log(System.Logger.Level.ERROR, "rate-limiting cluster sync failed", e);
        }
    }
}
