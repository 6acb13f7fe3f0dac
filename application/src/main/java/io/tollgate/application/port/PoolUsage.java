package io.tollgate.application.port;

import java.util.Objects;

/**
 * One database connection pool's use at this moment (HikariCP's counts).
 *
 * @param pool {@code primary} (the {@code pg_*} database) or {@code replica} (the {@code pg_ro_*} one)
 * @param active connections lent to a query now
 * @param idle open connections waiting in the pool
 * @param pending threads waiting for a connection
 * @param max the most connections the pool opens ({@code pg_pool_size}, or {@code pg_max_concurrent_queries})
 */
public record PoolUsage(String pool, int active, int idle, int pending, int max) {

    public PoolUsage {
        Objects.requireNonNull(pool, "pool");
    }
}
