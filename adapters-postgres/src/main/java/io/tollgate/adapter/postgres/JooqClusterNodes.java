package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.ClusterView;
import io.tollgate.application.port.out.NodeRegistration;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.RecordedState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;

/**
 * The {@code nodes} table (migration V11) in plain SQL. Every write is one upsert stamped with the database's
 * {@code now()}; {@link #view()} reads the rows, {@code now()} and {@code event_log_head.commit_seq} in one statement
 * (one snapshot), so states and lags are derived against one clock and one head.
 */
@Singleton
final class JooqClusterNodes implements ClusterNodes {

    private static final String COLUMNS = "(id, hostname, version, proxy_addresses, admin_addresses, started_at,"
            + " last_heartbeat, applied_seq, config_hash, heartbeat_interval_ms, state)"
            + " VALUES (?::uuid, ?, ?, ?::text[], ?::text[], now(), now(), ?, ?, ?, ?)";

    private static final String JOIN = "INSERT INTO nodes " + COLUMNS
            + " ON CONFLICT (id) DO UPDATE SET hostname = EXCLUDED.hostname, version = EXCLUDED.version,"
            + " proxy_addresses = EXCLUDED.proxy_addresses, admin_addresses = EXCLUDED.admin_addresses,"
            + " started_at = EXCLUDED.started_at, last_heartbeat = EXCLUDED.last_heartbeat,"
            + " applied_seq = EXCLUDED.applied_seq, config_hash = EXCLUDED.config_hash,"
            + " heartbeat_interval_ms = EXCLUDED.heartbeat_interval_ms, state = EXCLUDED.state";

    private static final String BEAT = "INSERT INTO nodes " + COLUMNS
            + " ON CONFLICT (id) DO UPDATE SET last_heartbeat = EXCLUDED.last_heartbeat,"
            + " applied_seq = EXCLUDED.applied_seq, state = EXCLUDED.state, config_hash = EXCLUDED.config_hash,"
            + " heartbeat_interval_ms = EXCLUDED.heartbeat_interval_ms";

    private static final String VIEW = "SELECT now(), (SELECT coalesce(max(commit_seq), 0) FROM event_log_head),"
            + " n.id, n.hostname, n.version, n.proxy_addresses, n.admin_addresses, n.started_at, n.last_heartbeat,"
            + " n.applied_seq, n.config_hash, n.heartbeat_interval_ms, n.state"
            + " FROM (VALUES (1)) AS one (x) LEFT JOIN nodes n ON true ORDER BY n.started_at, n.id";

    private static final String REMOVE = "DELETE FROM nodes n USING unnest(?::uuid[], ?::timestamptz[]) AS r(id, beat)"
            + " WHERE n.id = r.id AND n.last_heartbeat = r.beat";

    private final DSLContext dsl;

    @Inject
    JooqClusterNodes(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void join(NodeRegistration node, long appliedPosition) {
        write(JOIN, node, RecordedState.ACTIVE, appliedPosition);
    }

    @Override
    public void beat(NodeRegistration node, RecordedState state, long appliedPosition) {
        write(BEAT, node, state, appliedPosition);
    }

    @Override
    public ClusterView view() {
        Result<Record> rows = run(() -> dsl.fetch(VIEW));
        Record first = rows.get(0);
        Instant now = first.get(0, OffsetDateTime.class).toInstant();
        long head = first.get(1, Long.class);
        List<ClusterMember> members = new ArrayList<>();
        for (Record r : rows) {
            if (r.get(2) != null) {
                members.add(member(r));
            }
        }
        return new ClusterView(now, head, members);
    }

    @Override
    public int remove(Collection<ClusterMember> members) {
        if (members.isEmpty()) {
            return 0;
        }
        String[] ids = members.stream().map(m -> m.id().toString()).toArray(String[]::new);
        OffsetDateTime[] beats = members.stream()
                .map(m -> OffsetDateTime.ofInstant(m.lastHeartbeat(), java.time.ZoneOffset.UTC))
                .toArray(OffsetDateTime[]::new);
        return run(() -> dsl.execute(REMOVE, ids, beats));
    }

    private void write(String sql, NodeRegistration node, RecordedState state, long appliedPosition) {
        run(() -> dsl.execute(
                sql,
                node.id().toString(),
                node.hostname(),
                node.version(),
                node.proxyAddresses().toArray(String[]::new),
                node.adminAddresses().toArray(String[]::new),
                appliedPosition,
                node.configHash(),
                node.heartbeatInterval().toMillis(),
                state.stored()));
    }

    private static ClusterMember member(Record r) {
        return new ClusterMember(
                r.get(2, UUID.class),
                r.get(3, String.class),
                r.get(4, String.class),
                texts(r.get(5)),
                texts(r.get(6)),
                r.get(7, OffsetDateTime.class).toInstant(),
                r.get(8, OffsetDateTime.class).toInstant(),
                r.get(9, Long.class),
                r.get(10, String.class),
                Duration.ofMillis(r.get(11, Long.class)),
                RecordedState.ofStored(Objects.requireNonNull(r.get(12, String.class))));
    }

    private static List<String> texts(Object array) {
        if (array instanceof Object[] values) {
            return Arrays.stream(values).map(String::valueOf).toList();
        }
        throw new IllegalStateException("expected a text array, got " + array);
    }

    private static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
