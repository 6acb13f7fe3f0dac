package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.in.NodeLogLevel;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.event.LogLevelChanged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterLogLevelAdministrationTest {

    /** Records the changes made to "this node". */
    private static final class Node implements NodeLogLevel {
        final List<String> changes = new ArrayList<>();
        String level = "notice";

        @Override
        public String current() {
            return level;
        }

        @Override
        public void change(String level, Duration timeout) {
            if (!LEVELS.contains(level)) {
                throw new IllegalArgumentException("unknown log level: " + level);
            }
            this.level = level;
            changes.add(level + "/" + timeout.toSeconds());
        }
    }

    private final RecordingPorts ports = new RecordingPorts();
    private final Node node = new Node();
    private final ClusterLogLevelAdministration cluster =
            new ClusterLogLevelAdministration(node, ports.log, ports.transactions, UUID.randomUUID());

    @Test
    void a_change_is_appended_for_the_other_nodes_and_applied_here() {
        cluster.changeEverywhere("emerg", Duration.ofSeconds(30));

        assertThat(ports.logLevels).containsExactly(new LogLevelChanged("emerg", 30));
        assertThat(node.changes).containsExactly("emerg/30");
    }

    @Test
    void an_unknown_level_is_neither_appended_nor_applied() {
        assertThatThrownBy(() -> cluster.changeEverywhere("stderr", Duration.ofSeconds(60)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown log level: stderr");
        assertThat(ports.logLevels).isEmpty();
        assertThat(node.changes).isEmpty();
    }

    @Test
    void another_nodes_change_applies_here_and_a_bad_one_is_only_logged() {
        ClusterLogLevelAdministration.apply(node, new LogLevelChanged("crit", 10));
        ClusterLogLevelAdministration.apply(node, new LogLevelChanged("verbose", 10));

        assertThat(node.changes).containsExactly("crit/10");
    }
}
