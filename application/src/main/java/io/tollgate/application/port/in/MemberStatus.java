package io.tollgate.application.port.in;

import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.MemberState;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A cluster member as shown by {@code GET /clustering/nodes} and {@code tollgate cluster members}.
 *
 * @param member its row in the {@code nodes} table
 * @param state its state derived at the read ({@link ClusterMember#state})
 * @param lag how many log commits it has still to apply ({@link ClusterMember#lag}), >= 0
 */
public record MemberStatus(ClusterMember member, MemberState state, long lag) {
    public MemberStatus {
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(state, "state");
    }

    /**
     * The member as {@code GET /clustering/nodes} and {@code tollgate cluster members --json} show it, JSON-ready in
     * this order: {@code id}, {@code hostname}, {@code version}, {@code proxy_addresses}, {@code admin_addresses},
     * {@code state}, {@code started_at} and {@code last_heartbeat} (epoch seconds), {@code heartbeat_interval}
     * (seconds, a fraction when not whole), {@code applied_position}, {@code lag}, {@code config_hash}.
     */
    public Map<String, Object> fields() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", member.id().toString());
        row.put("hostname", member.hostname());
        row.put("version", member.version());
        row.put("proxy_addresses", member.proxyAddresses());
        row.put("admin_addresses", member.adminAddresses());
        row.put("state", state.shown());
        row.put("started_at", member.startedAt().getEpochSecond());
        row.put("last_heartbeat", member.lastHeartbeat().getEpochSecond());
        long intervalMs = member.heartbeatInterval().toMillis();
        row.put("heartbeat_interval", intervalMs % 1000 == 0 ? (Object) (intervalMs / 1000) : intervalMs / 1000.0);
        row.put("applied_position", member.appliedPosition());
        row.put("lag", lag);
        row.put("config_hash", member.configHash());
        return row;
    }
}
