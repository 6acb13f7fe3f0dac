package io.tollgate.bootstrap.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tollgate.application.port.in.ClusterStatus;
import io.tollgate.application.port.in.MemberStatus;
import io.tollgate.domain.cluster.ClusterMember;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How {@code tollgate cluster members} prints the members: a table (one line per node: id, host name, state, last
 * heartbeat in UTC, applied log position, lag, version), or a JSON document
 * {@code {"head": N, "data": [{"id", "hostname", "version", "proxy_addresses", "admin_addresses", "state",
 * "started_at", "last_heartbeat" (epoch seconds), "heartbeat_interval" (seconds), "applied_position", "lag",
 * "config_hash"}…]}}, the Admin API's {@code /clustering/nodes} rows.
 */
final class ClusterMembersText {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String[] HEADER = {"ID", "HOSTNAME", "STATE", "LAST HEARTBEAT", "APPLIED", "LAG", "VERSION"};

    private ClusterMembersText() {}

    static String table(ClusterStatus status) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (MemberStatus s : status.members()) {
            ClusterMember m = s.member();
            rows.add(new String[] {
                m.id().toString(),
                m.hostname(),
                s.state().shown(),
                m.lastHeartbeat().truncatedTo(ChronoUnit.SECONDS).toString(),
                Long.toString(m.appliedPosition()),
                Long.toString(s.lag()),
                m.version()
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.length - 1 ? row[i] : pad(row[i], widths[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append(status.members().size())
                .append(" node(s); log head ")
                .append(status.head())
                .append('\n');
        return out.toString();
    }

    static String json(ClusterStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("head", status.head());
        body.put("data", status.members().stream().map(ClusterMembersText::row).toList());
        try {
            return JSON.writeValueAsString(body) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the members as JSON", e);
        }
    }

    private static Map<String, Object> row(MemberStatus status) {
        return status.fields();
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(width - value.length());
    }
}
