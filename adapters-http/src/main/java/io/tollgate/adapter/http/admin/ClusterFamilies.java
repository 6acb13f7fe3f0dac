package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tollgate.application.port.in.BrowseCluster;
import io.tollgate.application.port.in.ClusterStatus;
import io.tollgate.application.port.in.MemberStatus;
import io.tollgate.domain.cluster.MemberState;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tollgate's cluster families for {@code GET /metrics} (Kong has none), read from the {@code nodes} table at each
 * scrape, so any node shows the whole cluster:
 * <ul>
 * <li>{@code tollgate_event_log_head}: the event log's last commit number;</li>
 * <li>{@code tollgate_cluster_members{state}}: how many members are {@code active}, {@code failed}, {@code leaving},
 *     {@code left};</li>
 * <li>{@code tollgate_cluster_member_lag_commits{node_id,hostname,state}}: the commits a member has still to apply
 *     (as {@code GET /clustering/nodes}' {@code lag});</li>
 * <li>{@code tollgate_cluster_member_applied_position{node_id,hostname}}: the commit number it has applied;</li>
 * <li>{@code tollgate_cluster_member_last_heartbeat_seconds{node_id,hostname}}: its last heartbeat, seconds since the
 *     epoch (alert on {@code time() - …}).</li>
 * </ul>
 * When the database cannot be read, the families are left out of that scrape (and {@code kong_datastore_reachable}
 * says why).
 */
final class ClusterFamilies {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterFamilies.class);

    private final BrowseCluster cluster;

    ClusterFamilies(BrowseCluster cluster) {
        this.cluster = Objects.requireNonNull(cluster, "cluster");
    }

    /** Adds the families to {@code all}, or nothing when the members cannot be read. */
    void addTo(MetricSnapshots.Builder all) {
        ClusterStatus status;
        try {
            status = cluster.members();
        } catch (RuntimeException e) {
            LOG.debug("cluster families left out of /metrics: {}", e.toString());
            return;
        }
        all.metricSnapshot(GaugeSnapshot.builder()
                .name("tollgate_event_log_head")
                .help("The event log's last commit number")
                .dataPoint(point(status.head(), Labels.EMPTY))
                .build());
        Map<MemberState, Integer> counts = new EnumMap<>(MemberState.class);
        for (MemberState state : MemberState.values()) {
            counts.put(state, 0);
        }
        GaugeSnapshot.Builder lag = GaugeSnapshot.builder()
                .name("tollgate_cluster_member_lag_commits")
                .help("Event-log commits a cluster member has still to apply");
        GaugeSnapshot.Builder applied = GaugeSnapshot.builder()
                .name("tollgate_cluster_member_applied_position")
                .help("The event-log commit number a cluster member has applied");
        GaugeSnapshot.Builder heartbeat = GaugeSnapshot.builder()
                .name("tollgate_cluster_member_last_heartbeat_seconds")
                .help("A cluster member's last heartbeat, seconds since the epoch");
        for (MemberStatus member : status.members()) {
            counts.merge(member.state(), 1, Integer::sum);
            Labels labels = Labels.of(
                    "node_id",
                    member.member().id().toString(),
                    "hostname",
                    member.member().hostname());
            lag.dataPoint(point(member.lag(), labels.add("state", member.state().shown())));
            applied.dataPoint(point(member.member().appliedPosition(), labels));
            heartbeat.dataPoint(point(member.member().lastHeartbeat().toEpochMilli() / 1000.0, labels));
        }
        GaugeSnapshot.Builder members = GaugeSnapshot.builder()
                .name("tollgate_cluster_members")
                .help("Cluster members by state (active, failed, leaving, left)");
        counts.forEach((state, n) -> members.dataPoint(point(n, Labels.of("state", state.shown()))));
        all.metricSnapshot(members.build());
        all.metricSnapshot(lag.build());
        all.metricSnapshot(applied.build());
        all.metricSnapshot(heartbeat.build());
    }

    private static GaugeDataPointSnapshot point(double value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }
}
