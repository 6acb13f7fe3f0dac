package io.tollgate.adapter.postgres;

import io.tollgate.application.plugin.spi.Metrics;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the read replica may serve a read that must be as fresh as a given commit number of the event log
 * ({@link ReplicaFreshness}), and the replica's state between reads: {@code healthy}, {@code lagging} (it had not
 * replayed far enough within {@code pg_ro_timeout}) or {@code down} (unreachable).
 *
 * <p>Healthy: a read waits up to {@code pg_ro_timeout} for the replica to replay far enough, polling its log head
 * every {@value #POLL_MS} ms. Lagging: a read checks the replica's head once and goes to the primary at once when it
 * is still behind, so a lagging replica slows no request down; the first check that finds it far enough ends the
 * episode. Down: reads go to the primary without trying the replica, while one background thread checks it every
 * second. Each episode logs one WARN line when it starts and one INFO line, with how many reads went to the primary,
 * when it ends; {@code tollgate_replica_fallbacks_total} counts reads served by the primary instead of the replica.
 * Thread-safe.
 */
final class ReplicaGate {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaGate.class);
    static final long POLL_MS = 10;
    private static final Duration PROBE_EVERY = Duration.ofSeconds(1);

    private enum State {
        HEALTHY,
        LAGGING,
        DOWN
    }

    private final String replica;
    private final LongSupplier replicaHead;
    private final BooleanSupplier closed;
    private final long timeoutNanos;
    private final Metrics.CounterChild fallbacks;
    private final Metrics.CounterChild replicaReads;
    private final AtomicLong replayed = new AtomicLong(-1);
    private final AtomicLong episodeFallbacks = new AtomicLong();
    private final AtomicReference<State> state = new AtomicReference<>(State.HEALTHY);

    /**
     * @param replica the replica's address, for the log lines
     * @param replicaHead reads the replica's {@code event_log_head}; throws when the replica cannot answer
     * @param closed whether the node's pools are closed (the background check then stops)
     * @param timeoutMs {@code pg_ro_timeout}: how long a read waits for the replica to catch up, ms
     */
    ReplicaGate(String replica, LongSupplier replicaHead, BooleanSupplier closed, long timeoutMs, Metrics metrics) {
        this.replica = replica;
        this.replicaHead = replicaHead;
        this.closed = closed;
        this.timeoutNanos = Duration.ofMillis(timeoutMs).toNanos();
        this.fallbacks = metrics.counter(
                        "tollgate_replica_fallbacks_total",
                        "Proxy-path reads served by the primary because the read replica was down or behind",
                        List.of())
                .labels();
        this.replicaReads = metrics.counter(
                        "tollgate_replica_reads_total", "Proxy-path reads served by the read replica", List.of())
                .labels();
        fallbacks.inc(0);
        replicaReads.inc(0);
    }

    /** A read's deadline for waiting on the replica, from now. */
    long deadline() {
        return System.nanoTime() + timeoutNanos;
    }

    /**
     * The replica's replayed commit number when it is at least {@code required} (waiting until {@code deadline}
     * when healthy), else empty: read from the primary.
     */
    OptionalLong admit(long required, long deadline) {
        long known = replayed.get();
        if (known >= required) {
            return OptionalLong.of(known);
        }
        if (state.get() == State.DOWN) {
            return OptionalLong.empty();
        }
        boolean wait = state.get() == State.HEALTHY;
        while (true) {
            long head;
            try {
                head = replicaHead.getAsLong();
            } catch (RuntimeException e) {
                failed(e);
                return OptionalLong.empty();
            }
            long now = replayed.accumulateAndGet(head, Math::max);
            if (now >= required) {
                if (state.compareAndSet(State.LAGGING, State.HEALTHY)) {
                    LOG.info(
                            "read replica {} caught up (commit {}); {} reads went to the primary meanwhile",
                            replica,
                            now,
                            episodeFallbacks.getAndSet(0));
                }
                return OptionalLong.of(now);
            }
            if (!wait || System.nanoTime() - deadline >= 0) {
                if (state.compareAndSet(State.HEALTHY, State.LAGGING)) {
                    episodeFallbacks.set(0);
                    LOG.warn(
                            "read replica {} has replayed the event log to commit {}, not yet to commit {} within"
                                    + " pg_ro_timeout: reading from the primary until it catches up",
                            replica,
                            now,
                            required);
                }
                return OptionalLong.empty();
            }
            LockSupport.parkNanos(Duration.ofMillis(POLL_MS).toNanos());
        }
    }

    /** The replica failed a read or a check: reads go to the primary until the background check reaches it. */
    void failed(RuntimeException cause) {
        State before = state.getAndSet(State.DOWN);
        if (before == State.DOWN) {
            return;
        }
        episodeFallbacks.set(0);
        LOG.warn(
                "read replica {} unreachable ({}): reading from the primary, checking it every {} s",
                replica,
                SqlFailures.rootMessage(cause),
                PROBE_EVERY.toSeconds());
        Thread.ofVirtual().name("tollgate-replica-check").start(this::checkUntilReachable);
    }

    /** Counts a read the primary served instead of the replica. */
    void fellBack() {
        fallbacks.inc();
        episodeFallbacks.incrementAndGet();
    }

    /** Counts a read the replica served. */
    void served() {
        replicaReads.inc();
    }

    private void checkUntilReachable() {
        while (!closed.getAsBoolean()) {
            try {
                Thread.sleep(PROBE_EVERY); // the background check's pace, not a test wait
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            try {
                replayed.accumulateAndGet(replicaHead.getAsLong(), Math::max);
            } catch (RuntimeException e) {
                continue;
            }
            state.set(State.HEALTHY);
            LOG.info(
                    "read replica {} reachable again; {} reads went to the primary meanwhile",
                    replica,
                    episodeFallbacks.getAndSet(0));
            return;
        }
    }
}
