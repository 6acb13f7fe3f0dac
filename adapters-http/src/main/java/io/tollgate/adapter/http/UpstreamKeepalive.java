package io.tollgate.adapter.http;

import java.time.Duration;
import java.util.Objects;

/**
 * Kong's upstream keep-alive settings for the proxy's connection pools (kong-internals §5.3).
 *
 * @param poolSize {@code upstream_keepalive_pool_size}: idle connections kept per upstream address and I/O thread
 *        (Kong: per worker); 0 disables keep-alive (every request gets a new connection)
 * @param maxRequests {@code upstream_keepalive_max_requests}: requests sent over one connection before it is closed;
 *        0 = unlimited
 * @param idleTimeout {@code upstream_keepalive_idle_timeout}: how long an idle connection is kept; {@code ZERO} = no
 *        expiry
 */
public record UpstreamKeepalive(int poolSize, int maxRequests, Duration idleTimeout) {

    /** Kong's defaults: 512 connections, 10000 requests, 60 s. */
    public static final UpstreamKeepalive DEFAULT = new UpstreamKeepalive(512, 10_000, Duration.ofSeconds(60));

    public UpstreamKeepalive {
        if (poolSize < 0 || maxRequests < 0) {
            throw new IllegalArgumentException("negative keep-alive setting");
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
    }
}
