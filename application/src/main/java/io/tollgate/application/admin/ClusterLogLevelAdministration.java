package io.tollgate.application.admin;

import io.tollgate.application.port.in.ClusterLogLevel;
import io.tollgate.application.port.in.NodeLogLevel;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.event.LogLevelChanged;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * Kong's cluster-wide dynamic log level: the change is appended to the event log as a {@link LogLevelChanged} (Kong
 * broadcasts it on its {@code debug:log_level} cluster channel), which every other node applies after its next poll
 * ({@link #apply}), then applied on this node.
 */
public final class ClusterLogLevelAdministration implements ClusterLogLevel {

    private static final System.Logger LOG = System.getLogger(ClusterLogLevelAdministration.class.getName());

    private final NodeLogLevel node;
    private final EventLog log;
    private final Transactions transactions;
    private final UUID nodeId;

    /** @param nodeId this node's id, recorded with the events it appends */
    public ClusterLogLevelAdministration(NodeLogLevel node, EventLog log, Transactions transactions, UUID nodeId) {
        this.node = Objects.requireNonNull(node, "node");
        this.log = Objects.requireNonNull(log, "log");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    }

    @Override
    public void changeEverywhere(String level, Duration timeout) {
        if (!NodeLogLevel.LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown log level: " + level);
        }
        LogLevelChanged event = new LogLevelChanged(level, timeout.toSeconds());
        transactions.inTransaction(() -> {
            log.append(nodeId, event);
            return null;
        });
        node.change(level, timeout);
    }

    /** Applies another node's cluster-wide change to this node's level; never throws (a follower hook). */
    public static void apply(NodeLogLevel node, LogLevelChanged change) {
        try {
            node.change(change.level(), Duration.ofSeconds(change.timeoutSeconds()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cluster log level change not applied: " + e.getMessage());
        }
    }
}
