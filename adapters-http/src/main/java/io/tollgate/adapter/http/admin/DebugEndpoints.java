package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.ClusterLogLevel;
import io.tollgate.application.port.in.NodeLogLevel;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kong's dynamic log level:
 * <ul>
 * <li>{@code GET /debug/node/log-level}: 200 {@code {"message":"log level: <level>"}};</li>
 * <li>{@code PUT /debug/node/log-level/{log_level}} with an optional {@code ?timeout=<seconds>} (a number, rounded
 * up; anything else means Kong's default, 60): 200 {@code {"message":"log level changed"}}, or
 * {@code {"message":"log level is already <level>"}} when it is the level in force; 400
 * {@code {"message":"unknown log level: <x>"}} and 400 {@code {"message":"timeout must be greater than or equal to
 * 0"}};</li>
 * <li>{@code PUT /debug/cluster/log-level/{log_level}}: as the node's, for every node of the cluster (the others
 * after their next poll of the event log); the same answers, the level compared with this node's.</li>
 * </ul>
 */
final class DebugEndpoints {

    /** {@code GET /debug/node/log-level}. */
    static final String PATH = "/debug/node/log-level";

    /** The prefix of {@code PUT /debug/node/log-level/{log_level}}. */
    static final String PREFIX = PATH + "/";

    /** The templates of this node's endpoints, for {@code GET /endpoints} and the OpenAPI document. */
    static final List<AdminRoute> ROUTES = List.of(AdminRoute.other(PREFIX + "{log_level}", Set.of("PUT")));

    /** The prefix of {@code PUT /debug/cluster/log-level/{log_level}}. */
    static final String CLUSTER_PREFIX = "/debug/cluster/log-level/";

    /** The template of the cluster-wide change, for {@code GET /endpoints} and the OpenAPI document. */
    static final AdminRoute CLUSTER_ROUTE = AdminRoute.other(CLUSTER_PREFIX + "{log_level}", Set.of("PUT"));

    /** Kong's default timeout of a change, in seconds. */
    static final long DEFAULT_TIMEOUT_SECONDS = 60;

    /** How a valid change is made: this node's, or the cluster's. */
    @FunctionalInterface
    private interface Change {
        void make(String level, Duration timeout);
    }

    private final NodeLogLevel logLevel;
    private final @Nullable ClusterLogLevel cluster;

    /** @param cluster the cluster-wide change, or {@code null} when not served */
    DebugEndpoints(NodeLogLevel logLevel, @Nullable ClusterLogLevel cluster) {
        this.logLevel = Objects.requireNonNull(logLevel, "logLevel");
        this.cluster = cluster;
    }

    /** {@code GET /debug/node/log-level}. */
    Endpoint current() {
        return new Endpoint(
                Set.of("GET"),
                (method, exchange) -> Responses.message(exchange, 200, "log level: " + logLevel.current()));
    }

    /** {@code PUT /debug/node/log-level/{log_level}}, given the path after {@link #PREFIX}; null for a deeper path. */
    @Nullable
    Endpoint change(String rest) {
        return endpoint(rest, logLevel::change);
    }

    /** {@code PUT /debug/cluster/log-level/{log_level}}, given the path after {@link #CLUSTER_PREFIX}. */
    @Nullable
    Endpoint changeEverywhere(String rest) {
        ClusterLogLevel everywhere = cluster;
        return everywhere == null ? null : endpoint(rest, everywhere::changeEverywhere);
    }

    private @Nullable Endpoint endpoint(String level, Change change) {
        if (level.contains("/")) {
            return null;
        }
        return new Endpoint(Set.of("PUT"), (method, exchange) -> {
            String timeout = Pagination.first(exchange.getQueryParameters(), "timeout");
            Responses.message(exchange, 200, change(level, timeout, change));
        });
    }

    /** The answer's message for a change to {@code level} with the {@code timeout} parameter (may be absent). */
    private String change(String level, @Nullable String timeout, Change change) {
        if (!NodeLogLevel.LEVELS.contains(level)) {
            throw ClientError.badRequest("unknown log level: " + level);
        }
        long seconds = timeoutSeconds(timeout);
        if (seconds < 0) {
            throw ClientError.badRequest("timeout must be greater than or equal to 0");
        }
        if (level.equals(logLevel.current())) {
            return "log level is already " + level;
        }
        change.make(level, Duration.ofSeconds(seconds));
        return "log level changed";
    }

    /** Kong's reading of {@code timeout}: a number rounded up, else the default. */
    static long timeoutSeconds(@Nullable String timeout) {
        if (timeout == null) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
        try {
            double value = Double.parseDouble(timeout.strip());
            return Double.isFinite(value) ? (long) Math.ceil(value) : DEFAULT_TIMEOUT_SECONDS;
        } catch (NumberFormatException e) {
            return DEFAULT_TIMEOUT_SECONDS;
        }
    }
}
