package io.tollgate.application.invalidation;

import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.VersionKey;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
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
 *   <li><b>Patched when it can.</b> {@link #apply} names the entities a write changed; a subclass that implements
 *       {@link #patch} re-reads only those rows and derives the new snapshot from the current one (O(changes), not
 *       O(all rows)). Changes are queued and drained by the next attempt, so concurrent writes still coalesce into
 *       one patch. After a failure the next attempt is a full rebuild (the drained changes are not lost: the full
 *       read covers them). Start-up, resynchronisation and {@link LocalInvalidation#retryPending()} rebuild in
 *       full; {@link #verify()} (the periodic consistency check) compares a patched snapshot with a full rebuild.
 * </ul>
 *
 * <p>The logger is named after the concrete class (e.g. {@code RouterHolder}).
 *
 * @param <T> the immutable snapshot type
 */
public abstract class SnapshotHolder<T> implements VersionedStructure {

    /**
     * More changes than this in one update are applied by a full rebuild instead of a {@link #patch}: past a few
     * hundred (a declarative import, a resynchronisation) one read of every row is cheaper than one read per changed
     * row.
     */
    public static final int MAX_PATCH = 500;

    private final System.Logger log = System.getLogger(getClass().getName());
    private final VersionKey versionKey;
    private volatile T current;

    private final ReentrantLock rebuilding = new ReentrantLock();
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong rebuilds = new AtomicLong();
    private final AtomicLong patches = new AtomicLong();
    /** Changed entities not yet applied (their writes committed before they were queued). */
    private final ConcurrentLinkedQueue<ChangedEntity> queued = new ConcurrentLinkedQueue<>();
    /** Someone asked for a full rebuild (set before its ticket is taken). */
    private final AtomicBoolean fullWanted = new AtomicBoolean();
    /** The last attempt failed and dropped its changes: the next one must rebuild in full; guarded by the lock. */
    private boolean fullNeeded;
    /** The snapshot in use was patched since the last full rebuild; guarded by {@link #rebuilding}. */
    private boolean patchedSinceFull;
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

    /**
     * Applies {@code changes} to {@code current} without re-reading everything: reads only the changed rows (their
     * state after the change; a missing row is a delete) and returns a new snapshot equal to what {@link #compile}
     * would build now, or {@code null} when it cannot (e.g. an entity kind it does not know), which makes this update a
     * full {@link #compile}. Called under the rebuild lock, never with more than {@link #MAX_PATCH} changes. The
     * default cannot patch.
     *
     * @param current the snapshot in use now, never modified
     * @param changes the entities changed since {@code current} was built, not empty
     * @throws RuntimeException when the rows cannot be read; the snapshot in use stays, and the next update is a full
     *         rebuild
     */
    protected @Nullable T patch(T current, Set<ChangedEntity> changes) {
        return null;
    }

    /** {@link #patch}, unless there are more than {@link #MAX_PATCH} changes: then {@code null} (a full rebuild). */
    private @Nullable T patchIfSmall(T current, Set<ChangedEntity> changes) {
        return changes.size() > MAX_PATCH ? null : patch(current, changes);
    }

    /**
     * The entities whose state differs between a patched snapshot and a full rebuild, for the consistency check
     * ({@link #verify()}); empty when they are equal. The default (for holders that never patch) finds none.
     */
    protected Set<ChangedEntity> differences(T patched, T rebuilt) {
        return Set.of();
    }

    /** The snapshot in use now; lock-free. */
    public final T current() {
        return current;
    }

    @Override
    public final VersionKey versionKey() {
        return versionKey;
    }

    /** How many updates succeeded (full rebuilds and patches, swapped in), for tests and metrics. */
    public final long rebuildCount() {
        return rebuilds.get();
    }

    /** How many successful updates were patches of the previous snapshot (see {@link #patch}). */
    public final long patchCount() {
        return patches.get();
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
        fullWanted.set(true);
        update();
    }

    /**
     * Brings the snapshot up to date after {@code changes} (committed before the call) by {@link #patch patching}
     * the current one, or by a full rebuild when the subclass cannot patch or the last attempt failed. Blocking,
     * coalesced and failing like {@link #rebuild()}: when it returns normally, the snapshot in use reflects the rows
     * of {@code changes} as read after this call began.
     */
    @Override
    public final void apply(Collection<ChangedEntity> changes) {
        if (changes.isEmpty()) {
            rebuild();
            return;
        }
        queued.addAll(changes);
        update();
    }

    private void update() {
        long ticket = tickets.incrementAndGet();
        rebuilding.lock();
        try {
            if (covered >= ticket) {
                return;
            }
            if (failedThrough >= ticket && failure != null) {
                throw failure;
            }
            // a ticket taken before this read had its changes queued (and its full request flagged) before it
            long covers = tickets.get();
            boolean full = fullWanted.getAndSet(false) || fullNeeded;
            Set<ChangedEntity> changes = drain();
            T next;
            boolean patched = false;
            try {
                T base = current;
                T candidate = full ? null : patchIfSmall(base, changes);
                if (candidate == null) {
                    candidate = compile(base);
                } else {
                    patched = true;
                }
                next = Objects.requireNonNull(candidate, "compile returned null");
                onRebuilt(next);
            } catch (RuntimeException e) {
                fullNeeded = true; // the drained changes are lost: only a full rebuild covers them now
                failed(covers, e);
                throw e;
            }
            swap(next, covers, patched);
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * The consistency check (see {@link VersionedStructure#verify()}): when the snapshot in use was patched since the
     * last full rebuild, rebuilds in full, compares ({@link #differences}) and swaps the full rebuild in. Entities
     * that differ are logged at WARNING, except those whose change is queued by then (a write committed during the
     * check, not a fault; logged at DEBUG). Runs under the rebuild lock, so it is coalesced with writes like a
     * rebuild.
     */
    @Override
    public final void verify() {
        rebuilding.lock();
        try {
            if (!patchedSinceFull) {
                return;
            }
            long covers = tickets.get();
            boolean full = fullWanted.getAndSet(false) || fullNeeded;
            Set<ChangedEntity> changes = drain();
            T next;
            try {
                T patched = current;
                if (!full && !changes.isEmpty()) {
                    patched = Objects.requireNonNullElseGet(patchIfSmall(current, changes), () -> compile(current));
                }
                T rebuilt = compile(patched);
                next = rebuilt;
                Set<ChangedEntity> differ = full ? Set.of() : differences(patched, rebuilt);
                if (!differ.isEmpty()) {
                    // a write committed during the full read makes its entity differ without any fault: its change
                    // is queued by now (it is applied after this check, to the full rebuild)
                    Set<ChangedEntity> unexplained = new LinkedHashSet<>(differ);
                    unexplained.removeAll(Set.copyOf(queued));
                    if (unexplained.isEmpty()) {
                        log.log(Level.DEBUG, differ.size() + " entities changed during the consistency check");
                    } else {
                        log.log(
                                Level.WARNING,
                                "the patched " + versionKey.key() + " snapshot differed from a full rebuild in "
                                        + unexplained.size() + " entities (e.g. "
                                        + unexplained.iterator().next()
                                        + "); the full rebuild replaces it");
                    }
                }
                onRebuilt(next);
            } catch (RuntimeException e) {
                fullNeeded = true;
                failed(covers, e);
                throw e;
            }
            swap(next, covers, false);
        } finally {
            rebuilding.unlock();
        }
    }

    private void swap(T next, long covers, boolean patched) {
        current = next;
        covered = covers;
        fullNeeded = false;
        if (patched) {
            patches.incrementAndGet();
            patchedSinceFull = true;
        } else {
            patchedSinceFull = false;
        }
        rebuilds.incrementAndGet();
        recovered();
    }

    private Set<ChangedEntity> drain() {
        Set<ChangedEntity> changes = new LinkedHashSet<>();
        for (ChangedEntity change; (change = queued.poll()) != null; ) {
            changes.add(change);
        }
        return changes;
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
