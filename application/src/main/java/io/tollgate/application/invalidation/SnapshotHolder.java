package io.tollgate.application.invalidation;

import io.tollgate.domain.catalog.VersionKey;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A node-wide immutable snapshot that the proxy reads on every request and that is rebuilt from the database when
 * its {@link VersionKey} is bumped (Kong's router behind {@code router:version}, its plugins iterator behind
 * {@code plugins_iterator:version}, and Tollgate's balancers, health-checked targets and TLS certificates). Every
 * such structure follows this one policy; a subclass supplies only {@link #compile} (and, when someone else must
 * learn of each new snapshot, {@link #onRebuilt}).
 *
 * <ul>
 *   <li><b>Readers never wait.</b> {@link #current()} reads a volatile field: no lock, no database, safe on an I/O
 *       thread. A new snapshot replaces the old one in a single write.
 *   <li><b>Read-your-writes, coalesced.</b> Every {@link #rebuild()} call takes a ticket; one rebuild runs at a time
 *       and covers every ticket taken before it started reading. A rebuild that returns normally therefore reflects
 *       every write committed before the call began, and a caller whose ticket a finished rebuild covered returns
 *       without rebuilding again. N concurrent calls cost at most two rebuilds per rebuild already running (e.g.
 *       1,000 parallel Admin API writes); strictly sequential calls rebuild once each.
 *   <li><b>A failure keeps the previous snapshot and propagates.</b> When {@link #compile} throws, the snapshot in
 *       use stays ("stale router will be used", as Kong), and the exception reaches the caller and every caller
 *       waiting for that same attempt, so {@link LocalInvalidation} remembers the bump and retries it on every poll
 *       of the event log. The first failure of a run is logged once at ERROR with its cause; repeats while it lasts
 *       only at DEBUG; the first success afterwards once at INFO.
 * </ul>
 *
 * <p>The logger is named after the concrete class (e.g. {@code RouterHolder}).
 *
 * @param <T> the immutable snapshot type
 */
public abstract class SnapshotHolder<T> implements VersionedStructure {

    private final System.Logger log = System.getLogger(getClass().getName());
    private final VersionKey versionKey;
    private volatile T current;

    private final ReentrantLock rebuilding = new ReentrantLock();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    /** The highest ticket the current snapshot covers; guarded by {@link #rebuilding}. */
    private long covered;
    /** The highest ticket the last failed attempt covered; guarded by {@link #rebuilding}. */
    private long failedThrough;
    /** What that attempt threw, until a rebuild succeeds; guarded by {@link #rebuilding}. */
    private @Nullable RuntimeException failure;
    /** Consecutive failed attempts, 0 while healthy; guarded by {@link #rebuilding}. */
    private long failedAttempts;

    /**
     * @param versionKey the version whose bumps rebuild this snapshot
     * @param initial the snapshot in use before the first successful rebuild (an empty structure)
     */
    protected SnapshotHolder(VersionKey versionKey, T initial) {
        this.versionKey = Objects.requireNonNull(versionKey, "versionKey");
        this.current = Objects.requireNonNull(initial, "initial");
    }

    /**
     * Builds a new snapshot from the database. Called under the rebuild lock (never concurrently with itself), off
     * the request path.
     *
     * @param previous the snapshot in use now (e.g. for state that must survive a rebuild, as live counters)
     * @return the new snapshot, never {@code null}
     * @throws RuntimeException when the database cannot be read or the data cannot be compiled; the previous
     *         snapshot then stays in use
     */
    protected abstract T compile(T previous);

    /**
     * Hands a new snapshot to whoever else must know it, before it becomes {@link #current()}. Called under the
     * rebuild lock, so in rebuild order. Does nothing by default.
     *
     * @throws RuntimeException to fail the rebuild (the previous snapshot stays current and the rebuild is retried)
     */
    protected void onRebuilt(T snapshot) {}

    /** The snapshot in use now; lock-free. */
    public final T current() {
        return current;
    }

    @Override
    public final VersionKey versionKey() {
        return versionKey;
    }

    /** How many rebuilds succeeded (read the database, compiled and swapped in), for tests and metrics. */
    public final long rebuildCount() {
        return rebuilds.get();
    }

    /**
     * Rebuilds from the database and swaps the result in (blocking; never call it on an I/O thread). When it returns
     * normally, the snapshot in use was built from a read that began after this call did. Concurrent calls are
     * coalesced (see the class comment).
     *
     * @throws RuntimeException what {@link #compile} or {@link #onRebuilt} threw, in this call or in the attempt
     *         that covered it; the previous snapshot stays in use
     */
    @Override
    public final void rebuild() {
        long ticket = tickets.incrementAndGet();
        rebuilding.lock();
        try {
            if (covered >= ticket) {
                return;
            }
            if (failedThrough >= ticket && failure != null) {
                throw failure;
            }
            long covers = tickets.get();
            T next;
            try {
                next = Objects.requireNonNull(compile(current), "compile returned null");
                onRebuilt(next);
            } catch (RuntimeException e) {
                failed(covers, e);
                throw e;
            }
            current = next;
            covered = covers;
            rebuilds.incrementAndGet();
            recovered();
        } finally {
            rebuilding.unlock();
        }
    }

    private void failed(long covers, RuntimeException e) {
        failedThrough = covers;
        failure = e;
        if (failedAttempts++ == 0) {
            log.log(
                    Level.ERROR,
                    "could not rebuild the " + versionKey.key() + " snapshot; the previous one stays in use until a"
                            + " rebuild succeeds",
                    e);
        } else {
            log.log(Level.DEBUG, "rebuild of the " + versionKey.key() + " snapshot failed again: " + e);
        }
    }

    private void recovered() {
        failure = null;
        if (failedAttempts > 0) {
            log.log(
                    Level.INFO,
                    "rebuilt the " + versionKey.key() + " snapshot after " + failedAttempts + " failed attempt(s)");
            failedAttempts = 0;
        } else {
            log.log(Level.DEBUG, "rebuilt the " + versionKey.key() + " snapshot");
        }
    }
}
