package io.tollgate.adapter.http.proxy;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The results of a pure function kept for the keys seen first, up to a bound: once {@code capacity} results are
 * kept, the function is applied again on each call for any other key (keys that come from request data cannot grow
 * it without limit). A {@code null} result is not kept. Thread-safe: two threads may both compute a key's first
 * result, and the first kept wins.
 *
 * @param <K> the key (with value equality)
 * @param <V> the result; the function must give equal results for equal keys
 */
final class BoundedMemo<K, V> {

    private final int capacity;
    private final Function<K, @Nullable V> make;
    private final ConcurrentHashMap<K, V> kept = new ConcurrentHashMap<>();

    /**
     * @param capacity the most results kept
     * @param make the function whose results are kept
     */
    BoundedMemo(int capacity, Function<K, @Nullable V> make) {
        this.capacity = capacity;
        this.make = make;
    }

    /** {@code make}'s result for {@code key}: the kept one, else a new one, kept while there is room. */
    @Nullable
    V get(K key) {
        V known = kept.get(key);
        if (known != null) {
            return known;
        }
        V made = make.apply(key);
        if (made != null && kept.size() < capacity) {
            kept.putIfAbsent(key, made);
        }
        return made;
    }

    /** How many results are kept. */
    int size() {
        return kept.size();
    }
}
