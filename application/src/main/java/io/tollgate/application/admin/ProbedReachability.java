package io.tollgate.application.admin;

import io.tollgate.application.port.out.DatabaseHealth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Kong's {@code /status} {@code database.reachable}, answered fast whatever the database does: a probe result less than
 * {@code freshMs} old is reused; otherwise one probe runs on a virtual thread (never two at once) and the caller waits
 * for it at most {@code waitMs}, then gets the last known answer. So a load balancer's health check gets its answer
 * within {@code waitMs} during an outage, where a probe may take the whole {@code pg_timeout}.
 */
public final class ProbedReachability implements DatabaseHealth {

    private final DatabaseHealth probe;
    private final LongSupplier clock;
    private final long freshMs;
    private final long waitMs;
    private final AtomicReference<CompletableFuture<Boolean>> running = new AtomicReference<>();
    private volatile boolean last = true;
    private volatile long probedAt = Long.MIN_VALUE / 2;

    /**
     * @param probe the real (possibly slow) check, e.g. {@code SELECT 1} within {@code pg_timeout}
     * @param clock milliseconds (any origin)
     * @param freshMs how long a probe's answer is reused, in ms
     * @param waitMs how long a caller waits for a probe, in ms
     */
    public ProbedReachability(DatabaseHealth probe, LongSupplier clock, long freshMs, long waitMs) {
        this.probe = probe;
        this.clock = clock;
        this.freshMs = freshMs;
        this.waitMs = waitMs;
    }

    /** Probes reused for 1 s, waited for at most 500 ms, on the monotonic clock. */
    public static ProbedReachability of(DatabaseHealth probe) {
        return new ProbedReachability(probe, () -> System.nanoTime() / 1_000_000, 1_000, 500);
    }

    @Override
    public boolean reachable() {
        if (clock.getAsLong() - probedAt < freshMs) {
            return last;
        }
        CompletableFuture<Boolean> probing = running.get();
        if (probing == null) {
            CompletableFuture<Boolean> started = new CompletableFuture<>();
            if (running.compareAndSet(null, started)) {
                Thread.ofVirtual().name("database-probe").start(() -> {
                    boolean answer = false;
                    try {
                        answer = probe.reachable();
                    } catch (RuntimeException e) {
                        answer = false; // a probe that throws says "unreachable"
                    } finally {
                        last = answer;
                        probedAt = clock.getAsLong();
                        running.set(null);
                        started.complete(answer);
                    }
                });
                probing = started;
            } else {
                probing = running.get();
            }
        }
        if (probing == null) {
            return last; // the probe just finished
        }
        try {
            return probing.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return last;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return last;
        } catch (ExecutionException e) {
            return false;
        }
    }
}
