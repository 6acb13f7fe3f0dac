package io.tollgate.bootstrap.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code pg_pool_size}, {@code pg_max_concurrent_queries}, {@code pg_keepalive_timeout}, {@code pg_ssl*},
 * {@code lua_ssl_trusted_certificate}, {@code pg_expired_rows_cleanup_interval} and {@code pg_ro_*} properties: parsed into {@link PostgresOptions} (each
 * {@code pg_ro_*} falling back to its {@code pg_*} twin, as Kong does), and shown back for {@code GET /}.
 */
final class PostgresProperties {

    /** Tollgate's pool size when {@code pg_pool_size} is unset. */
    static final int DEFAULT_POOL_SIZE = 10;
    /** Kong's {@code lua_socket_keepalive_timeout}, the fallback of {@code pg_keepalive_timeout}, ms. */
    static final long DEFAULT_KEEPALIVE_MS = 60_000;

    private PostgresProperties() {}

    /**
     * @param values a property's resolved value (default applied), or {@code null} when unset
     * @throws ConfigException naming the first invalid property
     */
    static PostgresOptions parse(Function<Property, @Nullable String> values) {
        String poolSize = values.apply(Property.PG_POOL_SIZE);
        int pool = poolSize == null ? DEFAULT_POOL_SIZE : Values.nonNegativeInt(Property.PG_POOL_SIZE, poolSize);
        if (pool < 1) {
            throw ConfigException.invalid(Property.PG_POOL_SIZE, poolSize, "must be an integer greater than 0");
        }
        String keepalive = values.apply(Property.PG_KEEPALIVE_TIMEOUT);
        Duration keepaliveTimeout = keepalive == null
                ? Duration.ofMillis(DEFAULT_KEEPALIVE_MS)
                : Values.positiveMillis(Property.PG_KEEPALIVE_TIMEOUT, keepalive);
        if (keepaliveTimeout.toMillis() < 10_000) {
            throw ConfigException.invalid(
                    Property.PG_KEEPALIVE_TIMEOUT, keepalive, "must be at least 10000 milliseconds");
        }
        return new PostgresOptions(
                pool,
                Values.nonNegativeInt(
                        Property.PG_MAX_CONCURRENT_QUERIES, required(values, Property.PG_MAX_CONCURRENT_QUERIES)),
                keepaliveTimeout,
                flag(values, Property.PG_SSL),
                flag(values, Property.PG_SSL_VERIFY),
                flag(values, Property.PG_SSL_REQUIRED),
                TrustedCertificates.parse(required(values, Property.LUA_SSL_TRUSTED_CERTIFICATE)),
                replica(values),
                cleanupInterval(required(values, Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL)));
    }

    /**
     * Kong's checks of {@code pg_expired_rows_cleanup_interval}: whole seconds, greater than 0.
     *
     * @throws ConfigException {@code must be greater than 0} (0 or negative), {@code must be an integer greater than
     *     0} (a fraction, or not a number), as Kong's messages
     */
    static Duration cleanupInterval(String value) {
        Property property = Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL;
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid(property, value, "must be an integer greater than 0");
        }
        if (seconds.signum() <= 0) {
            throw ConfigException.invalid(property, value, "must be greater than 0");
        }
        try {
            return Duration.ofSeconds(seconds.longValueExact());
        } catch (ArithmeticException fractionOrHuge) {
            throw ConfigException.invalid(property, value, "must be an integer greater than 0");
        }
    }

    private static Optional<ReadReplica> replica(Function<Property, @Nullable String> values) {
        String host = values.apply(Property.PG_RO_HOST);
        if (host == null) {
            return Optional.empty();
        }
        Property timeout = or(values, Property.PG_RO_TIMEOUT, Property.PG_TIMEOUT);
        Property port = or(values, Property.PG_RO_PORT, Property.PG_PORT);
        Property queries = or(values, Property.PG_RO_MAX_CONCURRENT_QUERIES, Property.PG_MAX_CONCURRENT_QUERIES);
        return Optional.of(new ReadReplica(
                host,
                Values.port(port, required(values, port)),
                required(values, or(values, Property.PG_RO_USER, Property.PG_USER)),
                Optional.ofNullable(values.apply(or(values, Property.PG_RO_PASSWORD, Property.PG_PASSWORD))),
                required(values, or(values, Property.PG_RO_DATABASE, Property.PG_DATABASE)),
                Optional.ofNullable(values.apply(or(values, Property.PG_RO_SCHEMA, Property.PG_SCHEMA))),
                Values.positiveMillis(timeout, required(values, timeout)),
                flag(values, or(values, Property.PG_RO_SSL, Property.PG_SSL)),
                flag(values, or(values, Property.PG_RO_SSL_VERIFY, Property.PG_SSL_VERIFY)),
                Values.nonNegativeInt(queries, required(values, queries))));
    }

    /** {@code replica} when it is set, else its {@code pg_*} twin (Kong's merge of the read-only configuration). */
    private static Property or(Function<Property, @Nullable String> values, Property replica, Property primary) {
        return values.apply(replica) != null ? replica : primary;
    }

    private static boolean flag(Function<Property, @Nullable String> values, Property property) {
        return Values.onOff(property, required(values, property));
    }

    private static String required(Function<Property, @Nullable String> values, Property property) {
        String v = values.apply(property);
        if (v == null) {
            throw new IllegalStateException(property.key() + " has no default");
        }
        return v;
    }

    /** The properties as {@code GET /} shows them, by Kong name (the replica's password masked). */
    static Map<String, @Nullable Object> shown(PostgresOptions pg) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put(Property.PG_SSL.key(), pg.ssl());
        m.put(Property.PG_SSL_REQUIRED.key(), pg.sslRequired());
        m.put(Property.PG_SSL_VERIFY.key(), pg.sslVerify());
        m.put(
                Property.LUA_SSL_TRUSTED_CERTIFICATE.key(),
                pg.trustedCertificates().shown());
        m.put(Property.PG_POOL_SIZE.key(), pg.poolSize());
        m.put(Property.PG_MAX_CONCURRENT_QUERIES.key(), pg.maxConcurrentQueries());
        m.put(Property.PG_KEEPALIVE_TIMEOUT.key(), pg.keepaliveTimeout().toMillis());
        m.put(
                Property.PG_EXPIRED_ROWS_CLEANUP_INTERVAL.key(),
                pg.expiredRowsCleanupInterval().toSeconds());
        ReadReplica ro = pg.replica().orElse(null);
        m.put(Property.PG_RO_HOST.key(), ro == null ? null : ro.host());
        m.put(Property.PG_RO_PORT.key(), ro == null ? null : ro.port());
        m.put(Property.PG_RO_USER.key(), ro == null ? null : ro.user());
        m.put(
                Property.PG_RO_PASSWORD.key(),
                ro == null ? null : ro.password().map(p -> Property.MASK).orElse(null));
        m.put(Property.PG_RO_DATABASE.key(), ro == null ? null : ro.database());
        m.put(Property.PG_RO_SCHEMA.key(), ro == null ? null : ro.schema().orElse(null));
        m.put(Property.PG_RO_TIMEOUT.key(), ro == null ? null : ro.timeout().toMillis());
        m.put(Property.PG_RO_SSL.key(), ro == null ? null : ro.ssl());
        m.put(Property.PG_RO_SSL_VERIFY.key(), ro == null ? null : ro.sslVerify());
        m.put(Property.PG_RO_MAX_CONCURRENT_QUERIES.key(), ro == null ? null : ro.maxConcurrentQueries());
        return m;
    }
}
