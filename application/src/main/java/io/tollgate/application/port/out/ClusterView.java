package io.tollgate.application.port.out;

import io.tollgate.domain.cluster.ClusterMember;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code nodes} table and the event log's head, read together.
 *
 * @param now the database's clock at the read (the clock every node's heartbeats are stamped with)
 * @param head the log's head: the last commit number handed out ({@code event_log_head.commit_seq}), 0 when none
 * @param members every row, oldest start first
 */
public record ClusterView(Instant now, long head, List<ClusterMember> members) {
    public ClusterView {
        Objects.requireNonNull(now, "now");
        members = List.copyOf(members);
    }
}
