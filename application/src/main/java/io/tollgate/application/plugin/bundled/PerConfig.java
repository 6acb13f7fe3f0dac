package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What a plugin compiles from one instance's config (regexes, IP networks), kept per config instance: the key is the
 * identity of the config's values map, which stays the same for every request an instance serves until the instance
 * changes (Kong keeps such caches in weak tables keyed by {@code conf}). A lookup costs one identity hash, whatever
 * the config's size. Bounded: past {@code capacity} entries (instances changed many times) it starts over.
 * Thread-safe; a value may be compiled twice by racing requests, which is harmless.
 */
final class PerConfig<T> {

    private final int capacity;
    private final Function<PluginConfig, T> compile;
    private final ConcurrentHashMap<Key, T> compiled = new ConcurrentHashMap<>();

    PerConfig(int capacity, Function<PluginConfig, T> compile) {
        this.capacity = capacity;
        this.compile = compile;
    }

    /** The compiled form of {@code config}, compiled on its first use. */
    T get(PluginConfig config) {
        Key key = new Key(config.values());
        T value = compiled.get(key);
        if (value == null) {
            if (compiled.size() >= capacity) {
                compiled.clear();
            }
            value = compile.apply(config);
            compiled.put(key, value);
        }
        return value;
    }

    /** A map compared by identity. */
    private record Key(Map<String, ?> values) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key that && that.values == values;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(values);
        }
    }
}
