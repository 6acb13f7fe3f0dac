package io.tollgate.bootstrap.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Kong's {@code pg_ro_*}: a read-only streaming replica of the database, each value already resolved to its
 * {@code pg_*} counterpart when unset (as Kong merges the two).
 *
 * @param host {@code pg_ro_host}
 * @param port {@code pg_ro_port}, 1-65535
 * @param user {@code pg_ro_user}
 * @param password {@code pg_ro_password}, empty when neither it nor {@code pg_password} is set
 * @param database {@code pg_ro_database}
 * @param schema {@code pg_ro_schema}, empty for the server's {@code search_path}
 * @param timeout {@code pg_ro_timeout} (configured in milliseconds), greater than 0
 * @param ssl {@code pg_ro_ssl}
 * @param sslVerify {@code pg_ro_ssl_verify}
 * @param maxConcurrentQueries {@code pg_ro_max_concurrent_queries}, 0 for no cap beyond the pool size
 */
public record ReadReplica(
        String host,
        int port,
        String user,
        Optional<String> password,
        String database,
        Optional<String> schema,
        Duration timeout,
        boolean ssl,
        boolean sslVerify,
        int maxConcurrentQueries) {

    public ReadReplica {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(timeout, "timeout");
    }

    /** Never shows the password. */
    @Override
    public String toString() {
        return "ReadReplica[" + user + "@" + host + ":" + port + "/" + database + "]";
    }
}
