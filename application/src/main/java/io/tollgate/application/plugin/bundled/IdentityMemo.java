package io.tollgate.application.plugin.bundled;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Values derived from immutable objects that are shared while unchanged (a plugin instance's config values, an entity
 * held by the node cache), kept per instance: keys compare by identity, so a lookup costs one identity hash whatever
 * the key's size, and a changed object (a new instance) never finds the value derived from its predecessor (Kong keeps
 * such caches in weak tables). Bounded: once {@code capacity} keys are held it starts over, so replaced instances are
 * let go. Thread-safe; racing requests may derive a value twice, which is harmless for pure derivations.
 *
 * @param <K> the key type, compared by identity
 * @param <V> the derived value
 */
final class IdentityMemo<K, V> {

    private final int capacity;
    private final ConcurrentHashMap<Identity<K>, V> values = new ConcurrentHashMap<>();

    /** @param capacity the most keys held at once (at least 1) */
    IdentityMemo(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity < 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /** The value kept for this very instance, or {@code null}. */
    @Nullable
    V get(K key) {
        return values.get(new Identity<>(key));
    }

    /**
     * The value kept for this very instance, derived and kept first when there is none.
     *
     * @param derive a pure function of the key (pass a method reference or a lambda that captures nothing, so a hit
     *     allocates nothing)
     */
    V get(K key, Function<? super K, ? extends V> derive) {
        V value = get(key);
        if (value == null) {
            value = derive.apply(key);
            put(key, value);
        }
        return value;
    }

    /** Keeps {@code value} for this very instance, first forgetting every other one when the memo is full. */
    void put(K key, V value) {
        if (values.size() >= capacity) {
            values.clear();
        }
        values.put(new Identity<>(key), value);
    }

    /** How many instances are held. */
    int size() {
        return values.size();
    }

    /** A key compared by identity. */
    private record Identity<K>(K key) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity<?> that && that.key == key;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(key);
        }
    }
}
