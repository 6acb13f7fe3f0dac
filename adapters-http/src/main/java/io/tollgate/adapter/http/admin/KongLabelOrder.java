package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The order in which Kong 3.x writes the labels of its node-level prometheus families (the order its exporter declares
 * them), which the Prometheus Java client does not keep (its {@link Labels} are sorted by name). The families the
 * plugins record (Kong's {@code kong_http_requests_total}, latencies and bandwidth, a custom plugin's) are not listed:
 * their order is the one they were declared with ({@link MetricsSource#labelOrder}). Any other family keeps the
 * client's order.
 */
final class KongLabelOrder {

    private static final List<String> SHARED_DICT = List.of("node_id", "shared_dict", "kong_subsystem");

    /** Kong's node-level families (counters under their {@code _total} names) and their labels, in Kong's order. */
    static final Map<String, List<String>> KONG = Map.ofEntries(
            Map.entry("kong_upstream_target_health", List.of("upstream", "target", "address", "state", "subsystem")),
            Map.entry("kong_node_info", List.of("node_id", "version")),
            Map.entry("kong_nginx_connections_total", List.of("node_id", "subsystem", "state")),
            Map.entry("kong_nginx_requests_total", List.of("node_id", "subsystem")),
            Map.entry("kong_memory_workers_lua_vms_bytes", List.of("node_id", "pid", "kong_subsystem")),
            Map.entry("kong_memory_lua_shared_dict_bytes", SHARED_DICT),
            Map.entry("kong_memory_lua_shared_dict_total_bytes", SHARED_DICT));

    private KongLabelOrder() {}

    /**
     * The names of {@code labels} in the order {@code family} writes them: Kong's order for its node-level families,
     * else {@code declared}, the order the family was declared with (empty when it declares none); labels missing
     * from that order follow in the labels' own order (by name).
     */
    static List<String> of(String family, Labels labels, List<String> declared) {
        List<String> order = KONG.getOrDefault(family, declared);
        List<String> names = new ArrayList<>(labels.size());
        for (String name : order) {
            if (labels.contains(name)) {
                names.add(name);
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
