package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.Expiry;
import io.tollgate.domain.cache.CacheKey;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Kong's {@code db_cache_ttl} / {@code db_cache_neg_ttl}: a found entity lives for {@code ttl}, a miss for
 * {@code negativeTtl}, both counted from {@link Loaded#loadedAt()}; zero means no expiry (until invalidated).
 *
 * <p>Caffeine asks for an async entry's expiry only in a callback on the load's completion, and again on reads and
 * updates. Every answer here is the time left until the value's own deadline, so however late Caffeine asks, the
 * entry expires at the same moment; {@link #isStale} lets readers that get to a finished value before Caffeine's
 * callback apply the same deadline.
 *
 * <p>Kong's {@code db_resurrect_ttl}: Caffeine keeps an entry {@code resurrectTtl} beyond its deadline, so that a
 * reload that cannot reach the database can serve the stale value again ({@link Loaded#resurrect}); readers treat it
 * as stale ({@link #isStale}) from its deadline on, so it is reloaded first.
 */
final class TtlExpiry implements Expiry<CacheKey, Loaded> {

    /** The three lifetimes in nanoseconds (0 = no expiry, or no resurrection), replaced whole. */
    private record Lifetimes(long ttl, long negativeTtl, long resurrect) {
        static Lifetimes of(Duration ttl, Duration negativeTtl, Duration resurrectTtl) {
            return new Lifetimes(nanos(ttl), nanos(negativeTtl), nanos(resurrectTtl));
        }
    }

    private volatile Lifetimes lifetimes;

    /** Both durations non-negative (as {@link CacheSettings} guarantees); zero = no expiry; no resurrection. */
    TtlExpiry(Duration ttl, Duration negativeTtl) {
        this(ttl, negativeTtl, Duration.ZERO);
    }

    /**
     * @param ttl {@code db_cache_ttl}, zero = no expiry
     * @param negativeTtl {@code db_cache_neg_ttl}, zero = no expiry
     * @param resurrectTtl {@code db_resurrect_ttl}: how long a stale entry is kept for, and served again when its
     *     reload fails; zero = not kept
     */
    TtlExpiry(Duration ttl, Duration negativeTtl, Duration resurrectTtl) {
        this.lifetimes = Lifetimes.of(ttl, negativeTtl, resurrectTtl);
    }

    /**
     * Replaces the three lifetimes ({@code tollgate reload}); each entry's expiry follows them from its next read or
     * write, counted from when it was loaded.
     */
    void reconfigure(Duration ttl, Duration negativeTtl, Duration resurrectTtl) {
        this.lifetimes = Lifetimes.of(ttl, negativeTtl, resurrectTtl);
    }

    /** Whether stale entries are served again when their reload cannot reach the database. */
    boolean resurrects() {
        return lifetimes.resurrect() > 0;
    }

    /**
     * Nanoseconds {@code loaded} has left at ticker reading {@code now}: 0 once its TTL has run out,
     * {@link Long#MAX_VALUE} when its TTL is zero (no expiry).
     */
    long remaining(Loaded loaded, long now) {
        return remaining(loaded, now, lifetimes);
    }

    private static long remaining(Loaded loaded, long now, Lifetimes lifetimes) {
        long ttl = loaded.resurrected()
                ? lifetimes.resurrect()
                : loaded.found() ? lifetimes.ttl() : lifetimes.negativeTtl();
        if (ttl == 0) {
            return Long.MAX_VALUE;
        }
        long elapsed = Math.max(0, now - loaded.loadedAt());
        return Math.max(0, ttl - elapsed);
    }

    /** Whether {@code entry} finished loading a value whose TTL has run out at ticker reading {@code now}. */
    boolean isStale(CompletableFuture<Loaded> entry, long now) {
        return entry.state() == CompletableFuture.State.SUCCESS && remaining(entry.resultNow(), now) == 0;
    }

    /** How long Caffeine keeps {@code loaded}: its time left plus {@code db_resurrect_ttl}, saturating. */
    long kept(Loaded loaded, long now) {
        Lifetimes current = lifetimes;
        long left = remaining(loaded, now, current);
        return left > Long.MAX_VALUE - current.resurrect() ? Long.MAX_VALUE : left + current.resurrect();
    }

    @Override
    public long expireAfterCreate(CacheKey key, Loaded value, long currentTime) {
        return kept(value, currentTime);
    }

    @Override
    public long expireAfterUpdate(CacheKey key, Loaded value, long currentTime, long currentDuration) {
        return kept(value, currentTime);
    }

    @Override
    public long expireAfterRead(CacheKey key, Loaded value, long currentTime, long currentDuration) {
        return kept(value, currentTime);
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // over 292 years: as good as no expiry
        }
    }
}
