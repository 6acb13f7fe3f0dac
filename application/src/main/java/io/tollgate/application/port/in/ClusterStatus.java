package io.tollgate.application.port.in;

import java.util.List;

/**
 * The cluster's members at one read.
 *
 * @param head the event log's head (the last commit number handed out, 0 when none)
 * @param members every member, oldest start first
 */
public record ClusterStatus(long head, List<MemberStatus> members) {
    public ClusterStatus {
        members = List.copyOf(members);
    }
}
