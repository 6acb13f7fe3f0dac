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
 */
final class TtlExpiry implements Expiry<CacheKey, Loaded> {

    private final long ttlNanos;
    private final long negativeTtlNanos;

    /** Both durations non-negative (as {@link CacheSettings} guarantees); zero = no expiry. */
    TtlExpiry(Duration ttl, Duration negativeTtl) {
        this.ttlNanos = nanos(ttl);
        this.negativeTtlNanos = nanos(negativeTtl);
    }

    /**
     * Nanoseconds {@code loaded} has left at ticker reading {@code now}: 0 once its TTL has run out,
     * {@link Long#MAX_VALUE} when its TTL is zero (no expiry).
     */
    long remaining(Loaded loaded, long now) {
        long ttl = loaded.found() ? ttlNanos : negativeTtlNanos;
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

    @Override
    public long expireAfterCreate(CacheKey key, Loaded value, long currentTime) {
        return remaining(value, currentTime);
    }

    @Override
    public long expireAfterUpdate(CacheKey key, Loaded value, long currentTime, long currentDuration) {
        return remaining(value, currentTime);
    }

    @Override
    public long expireAfterRead(CacheKey key, Loaded value, long currentTime, long currentDuration) {
        return remaining(value, currentTime);
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // over 292 years: as good as no expiry
        }
    }
}
