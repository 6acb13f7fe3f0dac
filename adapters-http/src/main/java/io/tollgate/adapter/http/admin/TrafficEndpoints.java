package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.TrafficSample;
import io.tollgate.application.port.in.BrowseTraffic;
import io.tollgate.domain.shared.InvalidRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * {@code GET /clustering/traffic?minutes=60[&node=<node id>][&service=<service id>]} (Tollgate only, the console's
 * Traffic page): the cluster's proxied traffic over the last {@code minutes} (1 to 60, default 60), from the samples
 * every node writes each {@code traffic_sample_interval} (default 10 s), so any node answers for all:
 *
 * <pre>{@code
 * {"interval_seconds": 10,
 *  "data": [{"node_id": "<uuid>", "service_id": null | "<uuid>",
 *            "points": [{"at": <epoch seconds>, "requests": n, "requests_per_second": x, "errors": n,
 *                        "error_rate": x, "latency_ms": {"p50": x, "p95": x, "p99": x},
 *                        "propagation_lag_ms": x | null}]}]}
 * }</pre>
 *
 * One series per node ({@code service_id} {@code null}: all the node's traffic) and one per node and service that
 * saw requests; points oldest first, one per interval ({@code at}: its end, seconds with a millisecond fraction).
 * {@code errors}: responses with a status of 500 or more; {@code error_rate}: errors / requests (0 without requests);
 * latencies: Kong's request latency ({@code latencies.request}) in ms; {@code propagation_lag_ms}: the node's largest
 * delay between an event's append to the log and its application on the node during the interval ({@code null} when
 * it applied nothing, and on service series). A bad parameter answers Kong's code 11 {@code invalid options}.
 */
final class TrafficEndpoints {

    /** The path. */
    static final String PATH = "/clustering/traffic";

    private static final Set<String> GET = Set.of("GET");

    private final BrowseTraffic traffic;

    TrafficEndpoints(BrowseTraffic traffic) {
        this.traffic = Objects.requireNonNull(traffic, "traffic");
    }

    /** {@code GET /clustering/traffic}. */
    Endpoint traffic() {
        return new Endpoint(GET, (method, exchange) -> {
            var query = exchange.getQueryParameters();
            int minutes = minutes(Pagination.first(query, "minutes"));
            UUID node = uuid("node", Pagination.first(query, "node"));
            UUID service = uuid("service", Pagination.first(query, "service"));
            List<Map<String, @Nullable Object>> data = new ArrayList<>();
            for (BrowseTraffic.Series series : traffic.traffic(minutes, node, service)) {
                Map<String, @Nullable Object> row = new LinkedHashMap<>();
                row.put("node_id", series.nodeId().toString());
                row.put(
                        "service_id",
                        series.serviceId() == null ? null : series.serviceId().toString());
                List<Map<String, @Nullable Object>> points =
                        new ArrayList<>(series.points().size());
                for (TrafficSample sample : series.points()) {
                    points.add(point(sample));
                }
                row.put("points", points);
                data.add(row);
            }
            Map<String, @Nullable Object> body = new LinkedHashMap<>();
            body.put("interval_seconds", traffic.intervalSeconds());
            body.put("data", data);
            Responses.json(exchange, 200, body);
        });
    }

    static Map<String, @Nullable Object> point(TrafficSample sample) {
        Map<String, @Nullable Object> point = new LinkedHashMap<>();
        point.put("at", java.math.BigDecimal.valueOf(sample.at().toEpochMilli(), 3));
        point.put("requests", sample.requests());
        point.put("requests_per_second", round(sample.requests() * 1000.0 / sample.intervalMs()));
        point.put("errors", sample.errors());
        point.put("error_rate", sample.requests() == 0 ? 0.0 : round((double) sample.errors() / sample.requests()));
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", round(sample.p50Ms()));
        latency.put("p95", round(sample.p95Ms()));
        latency.put("p99", round(sample.p99Ms()));
        point.put("latency_ms", latency);
        Double lag = sample.propagationLagMs();
        point.put("propagation_lag_ms", lag == null ? null : round(lag));
        return point;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static int minutes(@Nullable String value) {
        if (value == null) {
            return BrowseTraffic.MAX_MINUTES;
        }
        try {
            int minutes = Integer.parseInt(value.trim());
            if (minutes >= 1 && minutes <= BrowseTraffic.MAX_MINUTES) {
                return minutes;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("minutes", "expected an integer between 1 and " + BrowseTraffic.MAX_MINUTES);
    }

    private static @Nullable UUID uuid(String parameter, @Nullable String value) {
        if (value == null) {
            return null;
        }
        return HistoryRequests.strictUuid(value.trim()).orElseThrow(() -> invalid(parameter, "expected a valid UUID"));
    }

    private static InvalidRequest invalid(String parameter, String why) {
        return InvalidRequest.invalidOptions(Map.of(parameter, why));
    }
}
