package io.tollgate.application.plugin.spi;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Kong's shared {@code redis} config record (rate-limiting's {@code config.redis}): where a Redis server is and how
 * to reach it. Two instances with equal records share one connection. {@link #toString()} hides the password.
 *
 * @param host the server's host name or address
 * @param port its TCP port (Kong's default 6379)
 * @param timeoutMillis the bound of connecting and of each command, in milliseconds (Kong's {@code timeout}, 2000);
 *     a command not answered within it counts as an outage
 * @param username the ACL user (Redis 6+), or {@code null} for the default user
 * @param password the password ({@code AUTH}), or {@code null} for none
 * @param database the database index ({@code SELECT}, Kong's default 0)
 * @param ssl whether to speak TLS (Kong's default false)
 * @param sslVerify whether the server's certificate is verified, against the JVM's trust store (default false)
 * @param serverName the TLS SNI name and the name verified, or {@code null} for {@code host}
 */
public record RedisConfig(
        String host,
        int port,
        long timeoutMillis,
        @Nullable String username,
        @Nullable String password,
        int database,
        boolean ssl,
        boolean sslVerify,
        @Nullable String serverName) {

    public RedisConfig {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Reads a validated {@code redis} record (Kong's field names and defaults).
     *
     * @return the config, or {@code null} when the record has no {@code host}
     */
    public static @Nullable RedisConfig of(Map<?, ?> redis) {
        if (!(redis.get("host") instanceof String host)) {
            return null;
        }
        return new RedisConfig(
                host,
                number(redis, "port", 6379),
                number(redis, "timeout", 2000),
                text(redis, "username"),
                text(redis, "password"),
                number(redis, "database", 0),
                Boolean.TRUE.equals(redis.get("ssl")),
                Boolean.TRUE.equals(redis.get("ssl_verify")),
                redis.get("server_name") instanceof String s ? s : null);
    }

    /** A non-empty string field (an empty password or user name means none: no {@code AUTH}), or {@code null}. */
    private static @Nullable String text(Map<?, ?> redis, String field) {
        return redis.get(field) instanceof String s && !s.isEmpty() ? s : null;
    }

    private static int number(Map<?, ?> redis, String field, int fallback) {
        return redis.get(field) instanceof Number n ? n.intValue() : fallback;
    }

    @Override
    public String toString() {
        return "redis" + (ssl ? "s" : "") + "://" + (username == null ? "" : username + "@") + host + ":" + port + "/"
                + database;
    }
}
