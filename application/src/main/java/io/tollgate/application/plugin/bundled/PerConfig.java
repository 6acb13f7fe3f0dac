package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import java.util.Map;
import java.util.function.Function;

/**
 * What a plugin compiles from one instance's config (regexes, IP networks), kept per config instance: the key is the
 * identity of the config's values map, which stays the same for every request an instance serves until the instance
 * changes (Kong keeps such caches in weak tables keyed by {@code conf}). A lookup costs one identity hash, whatever
 * the config's size. Bounded: past {@code capacity} entries (instances changed many times) it starts over.
 * Thread-safe; a value may be compiled twice by racing requests, which is harmless.
 */
final class PerConfig<T> {

    private final Function<PluginConfig, T> compile;
    private final IdentityMemo<Map<String, ?>, T> compiled;

    PerConfig(int capacity, Function<PluginConfig, T> compile) {
        this.compile = compile;
        this.compiled = new IdentityMemo<>(capacity);
    }

    /** The compiled form of {@code config}, compiled on its first use. */
    T get(PluginConfig config) {
        T value = compiled.get(config.values());
        if (value == null) {
            value = compile.apply(config);
            compiled.put(config.values(), value);
        }
        return value;
    }
}
