package io.tollgate.adapter.postgres;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach PostgreSQL: Kong's {@code pg_host}, {@code pg_port}, {@code pg_user}, {@code pg_password},
 * {@code pg_database}, {@code pg_schema} and {@code pg_timeout}.
 *
 * @param host host name or address ({@code pg_host}, Kong's default {@code 127.0.0.1})
 * @param port TCP port, 1 to 65535 ({@code pg_port}, default 5432)
 * @param user role to connect as ({@code pg_user})
 * @param password its password, or {@code null} for none ({@code pg_password})
 * @param database database name ({@code pg_database})
 * @param schema schema holding Tollgate's tables, or {@code null} for the server's {@code search_path}
 *        ({@code pg_schema}); created by the migration when missing
 * @param timeoutMs milliseconds to wait for a connection, from the pool or the server, at least 1
 *        ({@code pg_timeout}, Kong's default 5000)
 * @param tls TLS to the server ({@code pg_ssl}, {@code pg_ssl_verify}, {@code pg_ssl_required})
 * @param pool the pool's size ({@code pg_pool_size}, {@code pg_max_concurrent_queries}, {@code pg_keepalive_timeout})
 */
public record PostgresSettings(
        String host,
        int port,
        String user,
        @Nullable String password,
        String database,
        @Nullable String schema,
        long timeoutMs,
        PostgresTls tls,
        PostgresPool pool) {

    /** Kong's default {@code pg_timeout}, in milliseconds. */
    public static final long DEFAULT_TIMEOUT_MS = 5000;

    /** Plain connections and the default pool ({@link PostgresTls#DISABLED}, {@link PostgresPool#DEFAULT}). */
    public PostgresSettings(
            String host,
            int port,
            String user,
            @Nullable String password,
            String database,
            @Nullable String schema,
            long timeoutMs) {
        this(host, port, user, password, database, schema, timeoutMs, PostgresTls.DISABLED, PostgresPool.DEFAULT);
    }

    public PostgresSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(database, "database");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("pg_port must be between 1 and 65535, got " + port);
        }
        if (timeoutMs < 1) {
            throw new IllegalArgumentException("pg_timeout must be at least 1 ms, got " + timeoutMs);
        }
        if (schema != null && schema.isBlank()) {
            schema = null;
        }
    }

    /** The JDBC URL of the database (without credentials). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Copy with another schema ({@code null} = the server's {@code search_path}). */
    public PostgresSettings withSchema(@Nullable String newSchema) {
        return new PostgresSettings(host, port, user, password, database, newSchema, timeoutMs, tls, pool);
    }

    /** Copy with another database name. */
    public PostgresSettings withDatabase(String newDatabase) {
        return new PostgresSettings(host, port, user, password, newDatabase, schema, timeoutMs, tls, pool);
    }

    /** Copy with other TLS and pool settings. */
    public PostgresSettings withConnections(PostgresTls newTls, PostgresPool newPool) {
        return new PostgresSettings(host, port, user, password, database, schema, timeoutMs, newTls, newPool);
    }

    /** Never prints the password (Kong masks {@code pg_password} as {@code ******}). */
    @Override
    public String toString() {
        return "PostgresSettings[" + user + "@" + host + ":" + port + "/" + database
                + (schema == null ? "" : " schema=" + schema) + ", timeoutMs=" + timeoutMs + ", sslmode="
                + tls.mode().sslmode() + ", pool=" + pool.maximumConnections()
                + (password == null ? "" : ", password=******") + "]";
    }
}
