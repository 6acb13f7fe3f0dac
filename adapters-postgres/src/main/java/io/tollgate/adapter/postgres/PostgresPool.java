package io.tollgate.adapter.postgres;

/**
 * The connection pool's size: Kong's {@code pg_pool_size}, {@code pg_max_concurrent_queries} and
 * {@code pg_keepalive_timeout} (and their {@code pg_ro_*} twins for the replica's own pool).
 *
 * <p>Kong keeps up to {@code pg_pool_size} idle connections per worker and caps running queries with a semaphore of
 * {@code pg_max_concurrent_queries} (0 = no cap). Tollgate has one pool per node: it opens at most
 * {@code pg_max_concurrent_queries} connections when that is set, else {@code pg_pool_size}, so the cap on queries is
 * the cap on connections (a query waits up to {@code pg_timeout} for one, then fails as the database being
 * unavailable); connections idle for {@code pg_keepalive_timeout} are closed down to a floor of two.
 *
 * @param poolSize {@code pg_pool_size}, at least 1 (Tollgate's default 10; Kong's falls back to
 *     {@code lua_socket_pool_size}, 256 per worker)
 * @param maxConcurrentQueries {@code pg_max_concurrent_queries}, 0 for no cap beyond the pool size
 * @param keepaliveTimeoutMs {@code pg_keepalive_timeout} in milliseconds, at least 10000 (the pool's floor; Kong's
 *     default {@code lua_socket_keepalive_timeout} is 60000)
 */
public record PostgresPool(int poolSize, int maxConcurrentQueries, long keepaliveTimeoutMs) {

    /** Tollgate's defaults: 10 connections, no further cap, idle ones closed after 60 s. */
    public static final PostgresPool DEFAULT = new PostgresPool(10, 0, 60_000);

    /** The pool's floor for closing idle connections (HikariCP's minimum {@code idleTimeout}). */
    static final long MIN_KEEPALIVE_MS = 10_000;

    public PostgresPool {
        if (poolSize < 1) {
            throw new IllegalArgumentException("pg_pool_size must be an integer greater than 0, got " + poolSize);
        }
        if (maxConcurrentQueries < 0) {
            throw new IllegalArgumentException(
                    "pg_max_concurrent_queries must be greater than or equal to 0, got " + maxConcurrentQueries);
        }
        keepaliveTimeoutMs = Math.max(MIN_KEEPALIVE_MS, keepaliveTimeoutMs);
    }

    /** @return how many connections the pool opens at most */
    public int maximumConnections() {
        return maxConcurrentQueries > 0 ? maxConcurrentQueries : poolSize;
    }
}
