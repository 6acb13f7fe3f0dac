package io.tollgate.domain.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One node of the cluster as its row in the {@code nodes} table records it.
 *
 * <p>A node heartbeats every {@code heartbeatInterval} (its {@code db_update_frequency}); one that has recorded
 * itself {@code active} or {@code leaving} but has not heartbeated for {@value #MISSED_HEARTBEATS} intervals is
 * {@link MemberState#FAILED}. Its row, and that of a node that has {@code left}, is removed once
 * {@code cluster_ttl_on_failure} has passed since its last heartbeat ({@link #expired}).
 *
 * @param id the node id (Kong's {@code node_id})
 * @param hostname the machine's host name
 * @param version the Tollgate version the node runs
 * @param proxyAddresses the proxy listeners' {@code host:port}, as bound
 * @param adminAddresses the Admin API listeners' {@code host:port}, as bound
 * @param startedAt when the node (last) started
 * @param lastHeartbeat when the node last wrote its row (start, heartbeat, state change)
 * @param appliedPosition the event-log commit number ({@code commit_seq}) the node has applied up to
 * @param configHash a hash of the node's effective configuration, secrets and node-local properties excluded
 * @param heartbeatInterval the time between two of its heartbeats, > 0
 * @param recorded the state the node last recorded
 */
public record ClusterMember(
        UUID id,
        String hostname,
        String version,
        List<String> proxyAddresses,
        List<String> adminAddresses,
        Instant startedAt,
        Instant lastHeartbeat,
        long appliedPosition,
        String configHash,
        Duration heartbeatInterval,
        RecordedState recorded) {

    /** Heartbeats a node may miss before it counts as failed. */
    public static final int MISSED_HEARTBEATS = 3;

    /** @throws IllegalArgumentException when {@code heartbeatInterval} is not positive */
    public ClusterMember {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(version, "version");
        proxyAddresses = List.copyOf(proxyAddresses);
        adminAddresses = List.copyOf(adminAddresses);
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastHeartbeat, "lastHeartbeat");
        Objects.requireNonNull(configHash, "configHash");
        Objects.requireNonNull(recorded, "recorded");
        if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
            throw new IllegalArgumentException("heartbeatInterval must be positive, got " + heartbeatInterval);
        }
    }

    /**
     * The state at {@code now} (the database's clock, which every node shares): {@code left} when recorded so;
     * {@code failed} when recorded {@code active} or {@code leaving} and the last heartbeat is more than
     * {@value #MISSED_HEARTBEATS} heartbeat intervals before {@code now}; else the recorded state.
     */
    public MemberState state(Instant now) {
        return switch (recorded) {
            case LEFT -> MemberState.LEFT;
            case ACTIVE -> silent(now) ? MemberState.FAILED : MemberState.ACTIVE;
            case LEAVING -> silent(now) ? MemberState.FAILED : MemberState.LEAVING;
        };
    }

    /**
     * Whether the row may be deleted at {@code now}: the member is {@code failed} or {@code left} and its last
     * heartbeat is more than {@code ttlOnFailure} ({@code cluster_ttl_on_failure}) before {@code now}.
     */
    public boolean expired(Instant now, Duration ttlOnFailure) {
        MemberState state = state(now);
        return (state == MemberState.FAILED || state == MemberState.LEFT)
                && lastHeartbeat.plus(ttlOnFailure).isBefore(now);
    }

    /** How many commits of the log this member has still to apply: {@code max(0, head - appliedPosition)}. */
    public long lag(long head) {
        return Math.max(0, head - appliedPosition);
    }

    private boolean silent(Instant now) {
        return lastHeartbeat
                .plus(heartbeatInterval.multipliedBy(MISSED_HEARTBEATS))
                .isBefore(now);
    }
}
