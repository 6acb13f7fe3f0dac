package io.tollgate.application.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.ClusterView;
import io.tollgate.application.port.out.NodeRegistration;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.RecordedState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MembershipHeartbeatTest {

    /** Records the writes; fails every call while {@link #down}. */
    static final class Nodes implements ClusterNodes {
        final List<String> writes = Collections.synchronizedList(new ArrayList<>());
        /** The configuration hash each heartbeat wrote. */
        final List<String> hashes = Collections.synchronizedList(new ArrayList<>());

        boolean down;

        @Override
        public void join(NodeRegistration node, long appliedPosition) {
            check();
            writes.add("join " + appliedPosition);
        }

        @Override
        public void beat(NodeRegistration node, RecordedState state, long appliedPosition) {
            check();
            writes.add(state.stored() + " " + appliedPosition);
            hashes.add(node.configHash());
        }

        @Override
        public ClusterView view() {
            check();
            return new ClusterView(Instant.now(), 0, List.of());
        }

        @Override
        public int remove(Collection<ClusterMember> members) {
            return 0;
        }

        private void check() {
            if (down) {
                throw new DatabaseUnavailable("database unavailable", new IllegalStateException("connection refused"));
            }
        }
    }

    final Nodes nodes = new Nodes();
    long applied = 3;
    final MembershipHeartbeat heartbeat = new MembershipHeartbeat(
            nodes,
            new NodeRegistration(UUID.randomUUID(), "h", "0.1.0", List.of(), List.of(), "x", Duration.ofHours(1)),
            () -> applied,
            Duration.ofHours(1));

    @Test
    void joinsOnceThenHeartbeatsWithTheAppliedPositionThenLeavesAndLeft() {
        heartbeat.beat();
        applied = 5;
        heartbeat.beat();
        heartbeat.leaving();
        heartbeat.close();
        assertThat(nodes.writes).containsExactly("join 3", "active 5", "leaving 5", "left 5");
    }

    @Test
    void aMovedAppliedPositionIsRecordedBetweenHeartbeatsOnlyWhenItMoved() {
        heartbeat.recordPosition();
        assertThat(nodes.writes).as("nothing before the join").isEmpty();
        heartbeat.beat();
        heartbeat.recordPosition();
        applied = 7;
        heartbeat.recordPosition();
        heartbeat.recordPosition();
        assertThat(nodes.writes).containsExactly("join 3", "active 7");
    }

    @Test
    void aReconfiguredRegistrationIsWrittenAtOnceAndItsIntervalFollowed() {
        heartbeat.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.writes.contains("join 3"));

        heartbeat.reconfigure(heartbeat.registration().reconfigured("y", Duration.ofHours(1)));
        await().atMost(Duration.ofSeconds(10))
                .alias("written at once, not an hour later")
                .until(() -> nodes.hashes.contains("y"));

        heartbeat.reconfigure(heartbeat.registration().reconfigured("y", Duration.ofMillis(20)));
        await().atMost(Duration.ofSeconds(10))
                .alias("every 20 ms from now on")
                .until(() -> nodes.hashes.stream().filter("y"::equals).count() >= 5);
        assertThat(heartbeat.registration().heartbeatInterval()).isEqualTo(Duration.ofMillis(20));
        heartbeat.close();
    }

    @Test
    void anotherNodesRegistrationIsRefused() {
        NodeRegistration other =
                new NodeRegistration(UUID.randomUUID(), "h", "0.1.0", List.of(), List.of(), "x", Duration.ofHours(1));
        assertThatThrownBy(() -> heartbeat.reconfigure(other)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aDatabaseOutageNeitherThrowsNorLosesTheJoin() {
        nodes.down = true;
        heartbeat.beat();
        heartbeat.beat();
        assertThat(nodes.writes).isEmpty();
        nodes.down = false;
        heartbeat.beat();
        assertThat(nodes.writes).containsExactly("join 3");
        nodes.down = true;
        heartbeat.leaving();
        nodes.down = false;
        heartbeat.beat();
        assertThat(nodes.writes).containsExactly("join 3", "leaving 3");
    }
}
