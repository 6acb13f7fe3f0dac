package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.BrowseCluster;
import io.tollgate.application.port.in.MemberStatus;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.MemberState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kong's hybrid-mode node listings answered from Tollgate's cluster membership, so Kong Manager's "Data Plane Nodes"
 * page shows the nodes of a traditional Tollgate cluster (every node serves traffic, as a data plane would):
 * <ul>
 * <li>{@code GET /clustering/data-planes}: {@code {"data": [node…], "next": null}}, one page with every member
 * (Kong's {@code size} and {@code offset} are accepted; a cluster has few nodes). A node in Kong's fields:
 * {@code id}, {@code ip} (the host of its first proxy address), {@code hostname}, {@code version},
 * {@code last_seen} (its last heartbeat, epoch seconds), {@code config_hash}, {@code sync_status} ({@code normal}
 * for an active node that applied the whole log, else {@code unknown}), {@code labels} ({@code {}}),
 * {@code cert_details} ({@code {}}: no cluster certificate), {@code rpc_capabilities} ({@code []}), plus Tollgate's
 * {@code state} and {@code lag} (log commits still to apply);</li>
 * <li>{@code GET /clustering/status} (Kong's deprecated form): an object keyed by node id, each
 * {@code {"config_hash", "hostname", "ip", "last_seen"}}.</li>
 * </ul>
 */
final class DataPlaneEndpoints {

    /** {@code GET /clustering/data-planes}. */
    static final String DATA_PLANES = "/clustering/data-planes";
    /** {@code GET /clustering/status}. */
    static final String STATUS = "/clustering/status";

    private static final Set<String> GET = Set.of("GET");

    private final BrowseCluster cluster;

    DataPlaneEndpoints(BrowseCluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    Endpoint dataPlanes() {
        return new Endpoint(GET, (method, exchange) -> {
            Map<String, @Nullable Object> body = new LinkedHashMap<>();
            body.put(
                    "data",
                    cluster.members().members().stream()
                            .map(DataPlaneEndpoints::dataPlane)
                            .toList());
            body.put("next", null);
            Responses.json(exchange, 200, body);
        });
    }

    Endpoint status() {
        return new Endpoint(GET, (method, exchange) -> {
            Map<String, Object> body = new LinkedHashMap<>();
            for (MemberStatus status : cluster.members().members()) {
                ClusterMember member = status.member();
                Map<String, @Nullable Object> node = new LinkedHashMap<>();
                node.put("config_hash", member.configHash());
                node.put("hostname", member.hostname());
                node.put("ip", ip(member.proxyAddresses()));
                node.put("last_seen", member.lastHeartbeat().getEpochSecond());
                body.put(member.id().toString(), node);
            }
            Responses.json(exchange, 200, body);
        });
    }

    static Map<String, @Nullable Object> dataPlane(MemberStatus status) {
        ClusterMember member = status.member();
        Map<String, @Nullable Object> node = new LinkedHashMap<>();
        node.put("id", member.id().toString());
        node.put("ip", ip(member.proxyAddresses()));
        node.put("hostname", member.hostname());
        node.put("version", member.version());
        node.put("last_seen", member.lastHeartbeat().getEpochSecond());
        node.put("config_hash", member.configHash());
        node.put("sync_status", status.state() == MemberState.ACTIVE && status.lag() == 0 ? "normal" : "unknown");
        node.put("labels", Map.of());
        node.put("cert_details", Map.of());
        node.put("rpc_capabilities", List.of());
        node.put("state", status.state().shown());
        node.put("lag", status.lag());
        return node;
    }

    /** The host of the first {@code host:port} (IPv6 in brackets, shown without them), or {@code null} if none. */
    static @Nullable String ip(List<String> addresses) {
        if (addresses.isEmpty()) {
            return null;
        }
        String address = addresses.get(0);
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end > 0 ? address.substring(1, end) : address;
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }
}
