package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.AwaitOutcome;
import io.tollgate.application.port.in.BrowseCluster;
import io.tollgate.application.port.in.MemberStatus;
import io.tollgate.domain.shared.InvalidRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Cluster membership on the Admin API (Kong 0.x's {@code kong cluster members}, kept on the database):
 * <ul>
 * <li>{@code GET /clustering/nodes}: {@code {"data": [node…], "next": null}}, oldest start first;</li>
 * <li>{@code GET /clustering/nodes/{id}}: one node; 404 {@code {"message":"Not found"}} for an unknown id, 400
 * {@code invalid primary key} (Kong's shape) when the id is not a UUID;</li>
 * <li>{@code GET /clustering/await?position=P&timeout=S}: waits until every {@code active} node has applied the log
 * up to commit number {@code P} (a write's {@code X-Tollgate-Log-Position}; without {@code position}, the log's head
 * when the request arrives), at most {@code S} seconds (default 5,
 * fractions allowed, at most 60): 200 {@code {"position": P, "data": [node…]}}, or 504
 * {@code {"message": …, "position": P, "laggards": [node…]}} on timeout; 400 {@code {"message": …}} for a malformed
 * parameter. The wait re-reads the {@code nodes} table every 100 ms on the
 * request's worker thread (never an I/O thread), as every Admin API endpoint does.</li>
 * </ul>
 * A node: {@code {"id", "hostname", "version", "proxy_addresses": ["host:port"…], "admin_addresses": […],
 * "state": "active"|"failed"|"leaving"|"left", "started_at", "last_heartbeat"} (epoch seconds, integers, as Kong's
 * timestamps) {@code "heartbeat_interval"} (seconds), {@code "applied_position"} (a commit number),
 * {@code "lag"} (commits behind the log's head) and {@code "config_hash"}.
 */
final class ClusterEndpoints {

    /** {@code GET /clustering/nodes}. */
    static final String NODES = "/clustering/nodes";
    /** The prefix of {@code GET /clustering/nodes/{id}}. */
    static final String NODE_PREFIX = NODES + "/";
    /** {@code GET /clustering/await}. */
    static final String AWAIT = "/clustering/await";
    /** The template of {@code GET /clustering/nodes/{id}}. */
    static final AdminRoute NODE_ROUTE = AdminRoute.other(NODE_PREFIX + "{nodes}", Set.of("GET"));

    private static final Set<String> GET = Set.of("GET");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(60);

    private final BrowseCluster cluster;

    ClusterEndpoints(BrowseCluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    Endpoint nodes() {
        return new Endpoint(GET, (method, exchange) -> {
            Map<String, @Nullable Object> body = new LinkedHashMap<>();
            body.put("data", rows(cluster.members().members()));
            body.put("next", null);
            Responses.json(exchange, 200, body);
        });
    }

    /** {@code GET /clustering/nodes/{id}}; {@code null} (404) when {@code rest} has more than one segment. */
    @Nullable
    Endpoint node(String rest) {
        if (rest.contains("/")) {
            return null;
        }
        return new Endpoint(GET, (method, exchange) -> {
            UUID id = uuid(rest);
            MemberStatus member = cluster.member(id).orElseThrow(ClientError::notFound);
            Responses.json(exchange, 200, row(member));
        });
    }

    Endpoint await() {
        return new Endpoint(GET, (method, exchange) -> {
            var query = exchange.getQueryParameters();
            String given = Pagination.first(query, "position");
            long position = given == null ? cluster.members().head() : position(given);
            Duration timeout = timeout(Pagination.first(query, "timeout"));
            switch (cluster.await(position, timeout)) {
                case AwaitOutcome.Reached reached -> {
                    Map<String, @Nullable Object> body = new LinkedHashMap<>();
                    body.put("position", position);
                    body.put("data", rows(reached.status().members()));
                    Responses.json(exchange, 200, body);
                }
                case AwaitOutcome.TimedOut late -> {
                    Map<String, @Nullable Object> body = new LinkedHashMap<>();
                    body.put(
                            "message",
                            late.laggards().size() + " active node(s) had not applied log position " + position
                                    + " after " + timeout.toMillis() + " ms");
                    body.put("position", position);
                    body.put("laggards", rows(late.laggards()));
                    Responses.json(exchange, 504, body);
                }
            }
        });
    }

    private static long position(String raw) {
        try {
            long position = Long.parseLong(raw.trim());
            if (position >= 0) {
                return position;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ClientError.badRequest("position: expected a non-negative integer");
    }

    private static Duration timeout(@Nullable String raw) {
        if (raw == null) {
            return DEFAULT_TIMEOUT;
        }
        String why = "timeout: expected a number of seconds greater than 0 and at most 60";
        try {
            BigDecimal seconds = new BigDecimal(raw.trim());
            if (seconds.signum() > 0 && seconds.compareTo(MAX_TIMEOUT_SECONDS) <= 0) {
                long millis = seconds.movePointRight(3).longValue();
                if (millis > 0) {
                    return Duration.ofMillis(millis);
                }
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ClientError.badRequest(why);
    }

    /** Kong's answer to a non-UUID primary key. */
    private static UUID uuid(String raw) {
        if (raw.length() == 36) {
            try {
                return UUID.fromString(raw);
            } catch (IllegalArgumentException e) {
                // answered below
            }
        }
        throw InvalidRequest.invalidPrimaryKey(Map.of("id", "expected a valid UUID"));
    }

    private static List<Map<String, @Nullable Object>> rows(List<MemberStatus> members) {
        return members.stream().map(ClusterEndpoints::row).toList();
    }

    static Map<String, @Nullable Object> row(MemberStatus status) {
        return new LinkedHashMap<>(status.fields());
    }
}
