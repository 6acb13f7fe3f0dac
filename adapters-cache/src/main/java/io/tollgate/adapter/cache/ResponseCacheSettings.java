package io.tollgate.adapter.cache;

/**
 * The proxy-cache store's configuration.
 *
 * @param maxBytes {@code proxy_cache_memory_size} in bytes (Tollgate's counterpart of the {@code lua_shared_dict}
 *     Kong's memory strategy stores into): beyond it the least recently used responses are evicted
 */
public record ResponseCacheSettings(long maxBytes) {

    /** The default budget, 128 MiB. */
    public static final long DEFAULT_MAX_BYTES = 128L * 1024 * 1024;

    public ResponseCacheSettings {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("proxy_cache_memory_size must be greater than 0");
        }
    }
}
