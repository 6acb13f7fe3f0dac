package io.tollgate.application.port;

import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A node's view of a database outage (what Kong logs per request as {@code database error}): the first failure to get
 * a connection ({@link #failed}) starts an outage, logged once (ERROR, one line, no stack trace); a
 * background probe then checks the database every {@value #PROBE_EVERY_MS} ms and, when it answers again, the outage
 * is logged once more as over (WARN) with its length and what it affected: proxied requests served a stale cached
 * entity ({@code db_resurrect_ttl}), proxied requests refused with 503 because an entity they needed was not cached,
 * and Admin API calls refused with 503. The end also runs the recovery hook (the node reads the event log at once).
 *
 * <p>One instance per node, built by the node's wiring and passed to everything that records or ends outages (the
 * proxy, the plugin runloop, the node cache, the Admin API, the database adapter's connections and the event-log
 * follower), so two nodes in one JVM keep separate outages and counts.
 *
 * <p>Thread-safe and lock-free on the request path: recording is two atomic operations.
 */
public final class DatabaseOutages {

    /** The message of the 503 a proxied request gets when its entities cannot be loaded. */
    public static final String MESSAGE = "Service unavailable: the gateway cannot reach its database";

    /** Milliseconds between two background probes during an outage. */
    public static final long PROBE_EVERY_MS = 200;

    private static final System.Logger LOG = System.getLogger(DatabaseOutages.class.getName());

    /** What an outage did to one request. */
    public enum Effect {
        /** A proxied request was answered from a cached entity past its TTL ({@code db_resurrect_ttl}). */
        SERVED_STALE,
        /** A proxied request needed an entity that was not cached: 503. */
        MISS_REFUSED,
        /** An Admin API call could not reach the database: 503, nothing written. */
        ADMIN_REFUSED
    }

    private final LongSupplier clockMs;
    private final AtomicBoolean down = new AtomicBoolean();
    /** How many outages have ended: an attempt that began before the last end reports a stale failure. */
    private final AtomicLong ended = new AtomicLong();

    private final LongAdder stale = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder admin = new LongAdder();
    private volatile long startedAt;
    private volatile @Nullable BooleanSupplier probe;
    private volatile Runnable onBack = () -> {};

    /** A record of outages timed on the monotonic system clock ({@link System#nanoTime()}): a node's. */
    public DatabaseOutages() {
        this(() -> System.nanoTime() / 1_000_000);
    }

    /**
     * A record of outages timed on {@code clockMs} (tests drive the clock).
     *
     * @param clockMs monotonic milliseconds (any origin)
     */
    public DatabaseOutages(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** The {@link DatabaseUnavailable} in {@code error}'s cause chain, or {@code null}. */
    public static @Nullable DatabaseUnavailable cause(@Nullable Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DatabaseUnavailable unavailable) {
                return unavailable;
            }
        }
        return null;
    }

    /**
     * Makes outages end: during one, {@code probe} is asked every {@value #PROBE_EVERY_MS} ms on a virtual thread; when
     * it answers {@code true} the outage is logged as over and {@code onBack} runs. Without a probe, outages are
     * logged as they start and never end (CLI tools, tests).
     *
     * @param probe whether the database answers now (may block up to {@code pg_timeout}); must not throw
     * @param onBack run once at the end of each outage, on the probe's thread; must not throw
     */
    public void watch(BooleanSupplier probe, Runnable onBack) {
        this.probe = Objects.requireNonNull(probe, "probe");
        this.onBack = Objects.requireNonNull(onBack, "onBack");
    }

    /**
     * Whether an outage has started and its probe has not yet seen the database back; always {@code false} without
     * {@link #watch} (nothing would end the outage).
     */
    public boolean down() {
        return probe != null && down.get();
    }

    /**
     * Counts one request the current outage affected, if one is on (an earlier request resurrected the stale entry
     * this one is served).
     */
    public void count(Effect effect) {
        if (!down.get()) {
            return;
        }
        (switch (effect) {
                    case SERVED_STALE -> stale;
                    case MISS_REFUSED -> refused;
                    case ADMIN_REFUSED -> admin;
                })
                .increment();
    }

    /**
     * Counts one request the current outage affected. Only an outage counts: a {@link DatabaseUnavailable} that
     * arrives while the database is known to answer (a {@code lock_timeout}, a statement on a connection that broke
     * as the server stopped) neither counts nor starts one; outages start where a connection cannot be had
     * ({@link #failed}).
     *
     * @param effect what the request got
     * @param failure why the database could not be used
     */
    public void record(Effect effect, DatabaseUnavailable failure) {
        Objects.requireNonNull(failure, "failure");
        count(effect);
    }

    /**
     * Starts (and logs) an outage unless one is on: the database adapter calls it when it cannot get a connection (and
     * the event-log follower when it cannot read the log), so that later work fails at once ({@link #down()}) instead
     * of waiting {@code pg_timeout} again.
     *
     * @param failure why the database could not be used
     */
    public void failed(DatabaseUnavailable failure) {
        if (!down.get() && down.compareAndSet(false, true)) {
            startedAt = clockMs.getAsLong();
            LOG.log(
                    Level.ERROR,
                    "database unreachable: proxied requests are served from the node cache (entities past"
                            + " db_cache_ttl for up to db_resurrect_ttl), requests needing uncached entities and Admin"
                            + " API calls answer 503 until it is back ({0})",
                    failure.getMessage());
            BooleanSupplier watching = probe;
            if (watching != null) {
                Thread.ofVirtual().name("database-outage-probe").start(() -> probeUntilBack(watching));
            }
        }
    }

    /**
     * How many outages have ended so far (any origin): read it when a connection attempt begins and pass it to
     * {@link #failed(DatabaseUnavailable, long)} if the attempt fails.
     */
    public long ended() {
        return ended.get();
    }

    /**
     * As {@link #failed(DatabaseUnavailable)}, for a connection attempt that began when {@link #ended()} was
     * {@code since}: if an outage has ended since, the failure is stale and starts nothing. Such an attempt waited
     * through the outage's end ({@code pg_timeout}, with HikariCP's connection creator asleep in its back-off), while
     * the probe already saw the database answer; starting an outage on it would make every call fail fast for another
     * probe round although the database is back.
     *
     * @param failure why the database could not be used
     * @param since {@link #ended()} when the attempt began
     */
    public void failed(DatabaseUnavailable failure, long since) {
        if (since == ended.get()) {
            failed(failure);
        }
    }

    /**
     * Ends the current outage, if any: logs its length and counts, resets them and runs the recovery hook. Called by
     * the background probe; callable by anything that saw the database answer.
     */
    public void recovered() {
        if (!down.get()) {
            return;
        }
        ended.incrementAndGet(); // before the outage reads as over: attempts from before the end are stale from now
        if (!down.compareAndSet(true, false)) {
            return;
        }
        LOG.log(
                Level.WARNING,
                "database reachable again after {0,number,#} ms: during the outage {1} proxied request(s) were served stale"
                        + " cached entities, {2} proxied request(s) and {3} Admin API call(s) answered 503",
                clockMs.getAsLong() - startedAt,
                stale.sumThenReset(),
                refused.sumThenReset(),
                admin.sumThenReset());
        onBack.run();
    }

    private void probeUntilBack(BooleanSupplier watching) {
        while (down.get()) {
            try {
                Thread.sleep(PROBE_EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
            boolean back;
            try {
                back = watching.getAsBoolean();
            } catch (RuntimeException e) {
                back = false;
            }
            if (back) {
                recovered();
                return;
            }
        }
    }
}
