package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.DescribeNode;
import io.tollgate.application.port.in.ManageTargetHealth;
import io.tollgate.application.port.in.ManageTargetHealth.SetHealth;
import io.tollgate.domain.catalog.EntityKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kong's health endpoints below an upstream (kong-internals §6.6, §8.7; this node's view):
 * <ul>
 * <li>{@code GET /upstreams/{u}/health}: 200 {@code {"data":[target + "health" + "data"], "next":null,
 * "node_id":…}}; with {@code ?balancer_health=1}: 200 {@code {"data":{"health","balancer_health","id","details"},
 * "next":null, "node_id":…}};</li>
 * <li>{@code PUT|POST /upstreams/{u}/targets/{t}/healthy|unhealthy} and
 * {@code .../targets/{t}/{address}/healthy|unhealthy}: 204, the state spreads to every node.</li>
 * </ul>
 * An unknown upstream or target answers 404 {@code {"message":"Not found"}}; an upstream without health checks
 * 400 {@code {"message":"no healthchecker found for <name>"}}.
 */
final class HealthEndpoints {

    private static final Set<String> GET = Set.of("GET");
    private static final Set<String> SET = Set.of("PUT", "POST");

    /** The templates these endpoints answer, for {@code GET /endpoints} and the OpenAPI document. */
    static final List<AdminRoute> ROUTES = List.of(
            AdminRoute.other("/upstreams/{upstreams}/health", GET),
            AdminRoute.other("/upstreams/{upstreams}/targets/{targets}/healthy", SET),
            AdminRoute.other("/upstreams/{upstreams}/targets/{targets}/unhealthy", SET),
            AdminRoute.other("/upstreams/{upstreams}/targets/{targets}/{address}/healthy", SET),
            AdminRoute.other("/upstreams/{upstreams}/targets/{targets}/{address}/unhealthy", SET));

    private final ManageTargetHealth health;
    private final DescribeNode node;

    HealthEndpoints(ManageTargetHealth health, DescribeNode node) {
        this.health = Objects.requireNonNull(health, "health");
        this.node = Objects.requireNonNull(node, "node");
    }

    /** The endpoint for a decoded request path, or empty when the path is not one of these. */
    Optional<Endpoint> match(String path) {
        String normalised = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        if (!normalised.startsWith("/upstreams/")) {
            return Optional.empty();
        }
        String[] s = normalised.substring(1).split("/", -1);
        for (String segment : s) {
            if (segment.isEmpty()) {
                return Optional.empty();
            }
        }
        if (s.length == 3 && s[2].equals("health")) {
            return Optional.of(new Endpoint(GET, (method, exchange) -> {
                boolean balancer = "1".equals(Pagination.first(exchange.getQueryParameters(), "balancer_health"));
                Responses.json(exchange, 200, balancer ? balancerHealth(s[1]) : upstreamHealth(s[1]));
            }));
        }
        if ((s.length == 5 || s.length == 6)
                && s[2].equals(EntityKind.TARGETS.nestedPath())
                && (s[s.length - 1].equals("healthy") || s[s.length - 1].equals("unhealthy"))) {
            String address = s.length == 6 ? s[4] : null;
            boolean healthy = s[s.length - 1].equals("healthy");
            return Optional.of(new Endpoint(SET, (method, exchange) -> {
                set(s[1], s[3], address, healthy);
                Responses.empty(exchange, 204);
            }));
        }
        return Optional.empty();
    }

    private Map<String, @Nullable Object> upstreamHealth(String upstream) {
        ManageTargetHealth.UpstreamHealth found =
                health.upstreamHealth(upstream).orElseThrow(ClientError::notFound);
        List<Map<String, @Nullable Object>> data = new ArrayList<>();
        for (ManageTargetHealth.TargetHealth target : found.targets()) {
            Map<String, @Nullable Object> shown =
                    new LinkedHashMap<>(target.target().fields());
            shown.put("health", target.health());
            if (!target.data().isEmpty()) {
                shown.put("data", target.data());
            }
            data.add(shown);
        }
        return body(data);
    }

    private Map<String, @Nullable Object> balancerHealth(String upstream) {
        ManageTargetHealth.BalancerHealth found =
                health.balancerHealth(upstream).orElseThrow(ClientError::notFound);
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("health", found.health());
        data.put("balancer_health", found.balancerHealth());
        data.put("id", found.upstreamId().toString());
        data.put("details", found.details());
        return body(data);
    }

    private Map<String, @Nullable Object> body(Object data) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("next", null);
        body.put("node_id", node.info().nodeId().toString());
        return body;
    }

    private void set(String upstream, String target, @Nullable String address, boolean healthy) {
        SetHealth result = health.setHealth(upstream, target, address, healthy);
        switch (result.status()) {
            case DONE -> {}
            case NOT_FOUND -> throw ClientError.notFound();
            case REJECTED -> throw ClientError.badRequest(Objects.requireNonNullElse(result.message(), "bad request"));
        }
    }
}
