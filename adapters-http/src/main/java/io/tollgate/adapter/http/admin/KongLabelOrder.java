package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order in which Kong 3.x writes the labels of its prometheus families (the order its exporter declares them),
 * which the Prometheus Java client does not keep (its {@link Labels} are sorted by name). A family not listed here
 * (Tollgate's own {@code tollgate_*}, a custom plugin's) keeps the client's order.
 */
final class KongLabelOrder {

    private static final List<String> LATENCY = List.of("service", "route", "workspace");
    private static final List<String> SHARED_DICT = List.of("node_id", "shared_dict", "kong_subsystem");

    /** Kong's families (counters under their {@code _total} names) and their labels, as Kong declares them. */
    static final Map<String, List<String>> KONG = Map.ofEntries(
            Map.entry(
                    "kong_http_requests_total", List.of("service", "route", "code", "source", "workspace", "consumer")),
            Map.entry("kong_kong_latency_ms", LATENCY),
            Map.entry("kong_upstream_latency_ms", LATENCY),
            Map.entry("kong_request_latency_ms", LATENCY),
            Map.entry("kong_bandwidth_bytes", List.of("service", "route", "direction", "workspace", "consumer")),
            Map.entry("kong_upstream_target_health", List.of("upstream", "target", "address", "state", "subsystem")),
            Map.entry("kong_node_info", List.of("node_id", "version")),
            Map.entry("kong_nginx_connections_total", List.of("node_id", "subsystem", "state")),
            Map.entry("kong_nginx_requests_total", List.of("node_id", "subsystem")),
            Map.entry("kong_memory_workers_lua_vms_bytes", List.of("node_id", "pid", "kong_subsystem")),
            Map.entry("kong_memory_lua_shared_dict_bytes", SHARED_DICT),
            Map.entry("kong_memory_lua_shared_dict_total_bytes", SHARED_DICT));

    private KongLabelOrder() {}

    /**
     * The names of {@code labels} in the order {@code family} writes them: Kong's declared order for its families
     * (labels it does not declare follow, by name), otherwise the labels' own order.
     */
    static List<String> of(String family, Labels labels) {
        List<String> declared = KONG.get(family);
        List<String> names = new ArrayList<>(labels.size());
        if (declared != null) {
            for (String name : declared) {
                if (labels.contains(name)) {
                    names.add(name);
                }
            }
        }
        for (int i = 0; i < labels.size(); i++) {
            if (!names.contains(labels.getName(i))) {
                names.add(labels.getName(i));
            }
        }
        return names;
    }
}
