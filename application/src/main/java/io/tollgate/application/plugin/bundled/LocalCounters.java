package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CounterKey;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Rate-limiting's {@code local} policy: counters in this node's memory (Kong's {@code kong_rate_limiting_counters}
 * shared dict). Lock-free: a {@link ConcurrentHashMap} of {@link AtomicLong}s; a request adds itself to each window
 * and takes itself back when one is over its limit, so concurrent requests never pass a limit together.
 *
 * <p>Bounded: counters of ended windows are swept at most once a second by a virtual thread, and past
 * {@code capacity} live counters a new one is not tracked (its request passes uncounted, logged once a minute) rather
 * than let memory grow.
 */
final class LocalCounters implements RateCounters {

    private static final System.Logger LOG = System.getLogger(LocalCounters.class.getName());

    private static final long SWEEP_EVERY = 1_000;
    private static final long WARN_EVERY = 60_000;

    /** A counter and when its window ends (epoch ms). */
    private record Slot(AtomicLong count, long end) {}

    private final ConcurrentHashMap<CounterKey, Slot> slots = new ConcurrentHashMap<>();
    private final int capacity;
    private final LongSupplier clock;
    private final AtomicLong nextSweep = new AtomicLong();
    private final AtomicLong nextWarning = new AtomicLong();
    private final AtomicBoolean sweeping = new AtomicBoolean();

    /**
     * @param capacity the most counters held at once
     * @param clock epoch milliseconds, for sweeping
     */
    LocalCounters(int capacity, LongSupplier clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    @Override
    public long[] acquire(CounterKey[] keys, double[] limits, long now) {
        long[] before = new long[keys.length];
        AtomicLong[] counters = new AtomicLong[keys.length];
        boolean over = false;
        for (int i = 0; i < keys.length; i++) {
            counters[i] = counter(keys[i], now);
            if (counters[i] == null) {
                continue; // not tracked: full
            }
            long after = counters[i].incrementAndGet();
            before[i] = after - 1;
            over |= after > limits[i];
        }
        if (over) {
            for (AtomicLong counter : counters) {
                if (counter != null) {
                    counter.decrementAndGet();
                }
            }
        }
        return before;
    }

    @Override
    public long[] read(CounterKey[] keys, long now) {
        long[] values = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Slot slot = slots.get(keys[i]);
            values[i] = slot == null ? 0 : slot.count().get();
        }
        return values;
    }

    @Override
    public void add(CounterKey key, long n, long now) {
        AtomicLong counter = counter(key, now);
        if (counter != null) {
            counter.addAndGet(n);
        }
    }

    /** How many counters are held (for tests and metrics). */
    int size() {
        return slots.size();
    }

    private AtomicLong counter(CounterKey key, long now) {
        Slot slot = slots.get(key);
        if (slot != null) {
            return slot.count();
        }
        maybeSweep(now);
        if (slots.size() >= capacity) {
            long warn = nextWarning.get();
            if (now >= warn && nextWarning.compareAndSet(warn, now + WARN_EVERY)) {
                LOG.log(
                        Level.WARNING,
                        "rate-limiting local counters full ({0}): new identifiers pass uncounted",
                        capacity);
            }
            return null;
        }
        return slots.computeIfAbsent(key, k -> new Slot(new AtomicLong(), k.windowEnd()))
                .count();
    }

    /** At most once a second, a virtual thread drops the counters of ended windows. */
    private void maybeSweep(long now) {
        long due = nextSweep.get();
        if (now < due || !sweeping.compareAndSet(false, true)) {
            return; // not due, or a sweep is running (the next new counter tries again)
        }
        if (!nextSweep.compareAndSet(due, now + SWEEP_EVERY)) {
            sweeping.set(false);
            return;
        }
        Thread.ofVirtual().name("rate-limiting-sweep").start(() -> {
            try {
                sweep(clock.getAsLong());
            } finally {
                sweeping.set(false);
            }
        });
    }

    /** Drops the counters whose window ended at or before {@code now}. */
    void sweep(long now) {
        slots.values().removeIf(slot -> slot.end() <= now);
    }
}
