package io.tollgate.bootstrap.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Kong's PostgreSQL pool and TLS properties, and the read replica.
 *
 * @param poolSize {@code pg_pool_size}, greater than 0 (10 when unset)
 * @param maxConcurrentQueries {@code pg_max_concurrent_queries}, 0 for no cap beyond the pool size
 * @param keepaliveTimeout {@code pg_keepalive_timeout} (configured in milliseconds; 60 s when unset)
 * @param ssl {@code pg_ssl}
 * @param sslVerify {@code pg_ssl_verify}
 * @param sslRequired {@code pg_ssl_required}
 * @param trustedCertificates {@code lua_ssl_trusted_certificate}: the PEM files of trusted authorities and/or
 *     {@code system}
 * @param replica {@code pg_ro_*}: the read replica, empty when {@code pg_ro_host} is unset
 * @param expiredRowsCleanupInterval {@code pg_expired_rows_cleanup_interval} (configured in whole seconds, > 0; 60 s
 *     by default)
 */
public record PostgresOptions(
        int poolSize,
        int maxConcurrentQueries,
        Duration keepaliveTimeout,
        boolean ssl,
        boolean sslVerify,
        boolean sslRequired,
        TrustedCertificates trustedCertificates,
        Optional<ReadReplica> replica,
        Duration expiredRowsCleanupInterval) {

    public PostgresOptions {
        Objects.requireNonNull(keepaliveTimeout, "keepaliveTimeout");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
        Objects.requireNonNull(replica, "replica");
        Objects.requireNonNull(expiredRowsCleanupInterval, "expiredRowsCleanupInterval");
    }
}
