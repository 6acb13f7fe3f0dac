package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Rate-limiting's {@code cluster} policy: counters shared by the cluster's nodes in the database
 * ({@link RateLimitCounters}), with the request path kept off it. A request reads this node's view of a counter (the
 * value last read from the database + the increments not yet written) and queues its increment; {@link #flush()},
 * run by a background thread every {@code interval}, writes the queued increments (one upsert per counter) and
 * reads back the current values. The database sees one write per counter and interval, whatever the traffic.
 *
 * <p>Overshoot: a node does not see the requests other nodes admitted since their last flush and its own last read,
 * so within a window the cluster may admit up to the requests the other nodes admitted during about two intervals
 * beyond the limit (and a counter new to a node starts from 0 until its first flush); never more than
 * {@code (nodes - 1) × limit}.
 *
 * <p>Bounded: a view is forgotten once its window ended or it was not used for {@link #IDLE} ms; a client coming back
 * after that starts from its node's 0 again until the next flush, within the bound above.
 *
 * <p>While a flush fails (the database is down) the counters are {@linkplain RateCounters.Unavailable unavailable}
 * and the queued increments are kept for the next flush; a failure is logged once per minute.
 */
final class ClusterCounters implements RateCounters {

    private static final System.Logger LOG = System.getLogger(ClusterCounters.class.getName());
    private static final long WARN_EVERY = 60_000;
    private static final long PURGE_EVERY = 60_000;

    /** A view unused this long (ms) is dropped: it is read again from the database at its next use's flush. */
    static final long IDLE = 10_000;

    /**
     * This node's view of one counter. {@link #flush()} moves {@code queued} into {@code writing} and later
     * {@code writing} into {@code shared}; it marks each move with an odd {@code version} (a sequence lock), so
     * {@link #value()} — lock-free, retrying only if a move ran meanwhile — never sees an increment twice or not at all.
     */
    private static final class View {
        final long end;
        final LongAdder queued = new LongAdder();
        volatile long used;
        volatile long shared;
        volatile long writing;
        volatile long version;

        View(long end) {
            this.end = end;
        }

        long value() {
            while (true) {
                long before = version;
                if ((before & 1) == 0) {
                    long value = shared + writing + queued.sum();
                    if (version == before) {
                        return value;
                    }
                }
                Thread.onSpinWait();
            }
        }

        /** Flush thread only: queued increments become the ones being written. */
        long startWriting() {
            version++;
            long n = queued.sumThenReset();
            writing += n;
            version++;
            return writing;
        }

        /** Flush thread only: the written increments are now part of the database's value read back. */
        void written(long value) {
            version++;
            shared = value;
            writing = 0;
            version++;
        }
    }

    private final ConcurrentHashMap<CounterKey, View> views = new ConcurrentHashMap<>();
    private final RateLimitCounters store;
    private final LongSupplier clock;
    private final String name;
    private volatile boolean failing;
    private long nextWarning;
    private long nextPurge;

    /**
     * @param store the shared counters
     * @param clock epoch milliseconds
     */
    ClusterCounters(RateLimitCounters store, LongSupplier clock) {
        this(store, clock, "cluster");
    }

    /**
     * @param store the shared counters
     * @param clock epoch milliseconds
     * @param name what the log calls the store, e.g. {@code cluster} or {@code redis redis://host:6379/0}
     */
    ClusterCounters(RateLimitCounters store, LongSupplier clock, String name) {
        this.store = store;
        this.clock = clock;
        this.name = name;
    }

    @Override
    public long[] acquire(CounterKey[] keys, double[] limits, long now) throws Unavailable {
        View[] seen = views(keys);
        long[] before = new long[keys.length];
        boolean over = false;
        for (int i = 0; i < keys.length; i++) {
            seen[i].used = now;
            before[i] = seen[i].value();
            over |= before[i] >= limits[i];
        }
        if (!over) {
            for (int i = 0; i < keys.length; i++) {
                queue(keys[i], seen[i], 1);
            }
        }
        return before;
    }

    @Override
    public long[] read(CounterKey[] keys, long now) throws Unavailable {
        View[] seen = views(keys);
        long[] values = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            seen[i].used = now;
            values[i] = seen[i].value();
        }
        return values;
    }

    @Override
    public void add(CounterKey key, long n, long now) throws Unavailable {
        View view = views(new CounterKey[] {key})[0];
        view.used = now;
        queue(key, view, n);
    }

    /** This node's view of each counter (created for a counter new to it, read at the next flush). */
    private View[] views(CounterKey[] keys) throws Unavailable {
        View[] seen = new View[keys.length];
        for (int i = 0; i < keys.length; i++) {
            View view = views.get(keys[i]); // lock-free; only a counter new to this node takes the map's bin lock
            seen[i] = view != null ? view : views.computeIfAbsent(keys[i], k -> new View(k.windowEnd()));
        }
        if (failing) { // after the views exist: the next flush tries the database again
            throw new Unavailable("the rate-limiting " + name + " counters cannot be reached");
        }
        return seen;
    }

    /** Queues {@code n} units for the next flush. */
    private void queue(CounterKey key, View view, long n) {
        view.queued.add(n);
        if (views.get(key) != view) { // dropped as idle meanwhile: keep the units
            View current = views.putIfAbsent(key, view);
            if (current != null && current != view) {
                current.queued.add(n);
            }
        }
    }

    /**
     * Writes the queued increments and refreshes every view (one call to the store); forgets the views of ended
     * windows and those unused for {@link #IDLE} ms (so memory and reads follow the active clients); purges the
     * database's ended counters once a minute. Run by one thread at a time.
     */
    synchronized void flush() {
        long now = clock.getAsLong();
        views.values()
                .removeIf(view ->
                        view.writing == 0 && view.queued.sum() == 0 && (view.end <= now || view.used < now - IDLE));
        if (views.isEmpty()) {
            return;
        }
        Map<CounterKey, Long> increments = new HashMap<>();
        Set<CounterKey> reads = new HashSet<>();
        Map<CounterKey, View> flushed = new HashMap<>();
        views.forEach((key, view) -> {
            long writing = view.startWriting();
            flushed.put(key, view);
            if (writing != 0) {
                increments.put(key, writing);
            } else {
                reads.add(key);
            }
        });
        try {
            Map<CounterKey, Long> values = store.addAndRead(increments, reads);
            flushed.forEach((key, view) -> view.written(values.getOrDefault(key, 0L)));
            if (now >= nextPurge) {
                nextPurge = now + PURGE_EVERY;
                store.deleteEnded(now);
            }
            if (failing) {
                LOG.log(Level.INFO, "rate-limiting " + name + " counters reachable again");
            }
            failing = false;
        } catch (RuntimeException e) {
            failing = true; // the increments stay in `writing`, retried with the next flush
            if (now >= nextWarning) {
                nextWarning = now + WARN_EVERY;
                LOG.log(Level.ERROR, "rate-limiting " + name + " counters unreachable: " + e);
            }
        }
    }
}
