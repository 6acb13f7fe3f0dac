package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.cluster.ClusterMembership;
import io.tollgate.application.cluster.MembershipHeartbeat;
import io.tollgate.application.port.in.AwaitOutcome;
import io.tollgate.application.port.in.MemberStatus;
import io.tollgate.application.port.out.ClusterView;
import io.tollgate.application.port.out.NodeRegistration;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.MemberState;
import io.tollgate.domain.cluster.RecordedState;
import io.tollgate.domain.event.EntityCreated;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code nodes} table on a real PostgreSQL: upserts, derived states, lag, clean-up and await. */
class JooqClusterNodesIT extends DatabaseIT {

    JooqClusterNodes nodes;
    ClusterMembership membership;

    @BeforeEach
    void nodes() {
        db.dsl.execute("TRUNCATE nodes");
        nodes = new JooqClusterNodes(db.dsl);
        membership = new ClusterMembership(nodes);
    }

    static NodeRegistration node(String host) {
        return new NodeRegistration(
                UUID.randomUUID(),
                host,
                "0.1.0",
                List.of("127.0.0.1:8000"),
                List.of("127.0.0.1:8001", "127.0.0.1:8444"),
                "c0ffee",
                Duration.ofSeconds(1));
    }

    long commit() {
        db.transactions.inTransaction(() -> {
            db.eventLog.append(UUID.randomUUID(), new EntityCreated(service("svc-" + UUID.randomUUID())));
            return null;
        });
        return db.eventLog.head().commit();
    }

    /** Moves a node's last heartbeat {@code ago} into the past, as if it had been silent that long. */
    void silence(NodeRegistration node, String ago) {
        db.dsl.execute(
                "UPDATE nodes SET last_heartbeat = now() - ?::interval WHERE id = ?::uuid",
                ago,
                node.id().toString());
    }

    ClusterMember row(NodeRegistration node) {
        return nodes.view().members().stream()
                .filter(m -> m.id().equals(node.id()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_joined_node_reads_back_whole_and_heartbeats_move_its_state_and_position() {
        NodeRegistration a = node("host-a");
        nodes.join(a, 7);
        ClusterView view = nodes.view();
        assertThat(view.members()).hasSize(1);
        ClusterMember row = view.members().get(0);
        assertThat(row.id()).isEqualTo(a.id());
        assertThat(row.hostname()).isEqualTo("host-a");
        assertThat(row.version()).isEqualTo("0.1.0");
        assertThat(row.proxyAddresses()).containsExactly("127.0.0.1:8000");
        assertThat(row.adminAddresses()).containsExactly("127.0.0.1:8001", "127.0.0.1:8444");
        assertThat(row.appliedPosition()).isEqualTo(7);
        assertThat(row.configHash()).isEqualTo("c0ffee");
        assertThat(row.heartbeatInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(row.recorded()).isEqualTo(RecordedState.ACTIVE);
        assertThat(row.startedAt()).isEqualTo(row.lastHeartbeat()).isBeforeOrEqualTo(view.now());
        assertThat(row.state(view.now())).isEqualTo(MemberState.ACTIVE);

        nodes.beat(a, RecordedState.LEAVING, 9);
        assertThat(row(a).recorded()).isEqualTo(RecordedState.LEAVING);
        assertThat(row(a).appliedPosition()).isEqualTo(9);
        assertThat(row(a).startedAt()).isEqualTo(row.startedAt());
        nodes.beat(a, RecordedState.LEFT, 9);
        assertThat(membership.member(a.id()).map(MemberStatus::state)).contains(MemberState.LEFT);

        nodes.join(a, 10); // restarted with the same id
        assertThat(row(a).recorded()).isEqualTo(RecordedState.ACTIVE);
        assertThat(membership.member(UUID.randomUUID())).isEmpty();
    }

    @Test
    void a_heartbeat_writes_a_reloaded_configuration_hash_and_interval() {
        NodeRegistration a = node("host-a");
        nodes.join(a, 1);
        NodeRegistration reloaded = a.reconfigured("decaf", Duration.ofSeconds(30));

        nodes.beat(reloaded, RecordedState.ACTIVE, 2);

        assertThat(row(a).configHash()).isEqualTo("decaf");
        assertThat(row(a).heartbeatInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(row(a).hostname()).isEqualTo("host-a");
    }

    @Test
    void a_silent_node_is_failed_after_three_intervals_and_lag_counts_from_the_log_head() {
        NodeRegistration a = node("a");
        NodeRegistration b = node("b");
        long first = commit();
        nodes.join(a, first);
        nodes.join(b, first);
        long head = commit();
        commit();
        head = db.eventLog.head().commit();
        nodes.beat(a, RecordedState.ACTIVE, head);
        silence(b, "3.5 seconds");

        var status = membership.members();
        assertThat(status.head()).isEqualTo(head);
        MemberStatus sa = membership.member(a.id()).orElseThrow();
        MemberStatus sb = membership.member(b.id()).orElseThrow();
        assertThat(sa.state()).isEqualTo(MemberState.ACTIVE);
        assertThat(sa.lag()).isZero();
        assertThat(sb.state()).isEqualTo(MemberState.FAILED);
        assertThat(sb.lag()).isEqualTo(head - first).isPositive();
    }

    @Test
    void a_heartbeat_removes_members_failed_or_left_for_longer_than_the_ttl_and_keeps_the_others() {
        NodeRegistration self = node("self");
        NodeRegistration failedLong = node("failed-long");
        NodeRegistration failedRecently = node("failed-recently");
        NodeRegistration leftLong = node("left-long");
        NodeRegistration leftRecently = node("left-recently");
        for (NodeRegistration n : List.of(failedLong, failedRecently, leftLong, leftRecently)) {
            nodes.join(n, 0);
        }
        nodes.beat(leftLong, RecordedState.LEFT, 0);
        nodes.beat(leftRecently, RecordedState.LEFT, 0);
        silence(failedLong, "2 hours");
        silence(failedRecently, "10 seconds");
        silence(leftLong, "61 minutes");

        try (MembershipHeartbeat heartbeat = new MembershipHeartbeat(nodes, self, () -> 0, Duration.ofHours(1))) {
            heartbeat.start();
            org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(nodes.view().members())
                            .extracting(ClusterMember::hostname)
                            .containsExactlyInAnyOrder("self", "failed-recently", "left-recently"));
        }
        assertThat(row(self).recorded()).isEqualTo(RecordedState.LEFT);
    }

    @Test
    void removing_spares_a_member_that_came_back_since_it_was_read() {
        NodeRegistration a = node("a");
        nodes.join(a, 0);
        silence(a, "2 hours");
        ClusterMember stale = row(a);
        nodes.join(a, 0);
        assertThat(nodes.remove(List.of(stale))).isZero();
        assertThat(nodes.view().members()).hasSize(1);
        assertThat(nodes.remove(List.of(row(a)))).isOne();
        assertThat(nodes.view().members()).isEmpty();
    }

    @Test
    void await_returns_once_every_active_member_applied_the_position_and_names_the_laggards_on_timeout() {
        NodeRegistration a = node("a");
        NodeRegistration b = node("b");
        NodeRegistration failed = node("failed");
        long position = commit();
        nodes.join(a, position);
        nodes.join(b, position - 1);
        nodes.join(failed, 0);
        silence(failed, "1 minute");

        AwaitOutcome outcome = membership.await(position, Duration.ofMillis(300));
        assertThat(outcome).isInstanceOf(AwaitOutcome.TimedOut.class);
        assertThat(((AwaitOutcome.TimedOut) outcome).laggards())
                .extracting(m -> m.member().id())
                .containsExactly(b.id());

        nodes.beat(b, RecordedState.ACTIVE, position);
        outcome = membership.await(position, Duration.ofSeconds(5));
        assertThat(outcome).isInstanceOf(AwaitOutcome.Reached.class);
        assertThat(((AwaitOutcome.Reached) outcome).status().members()).hasSize(3);
    }
}
