package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.ClusterView;
import io.tollgate.application.port.out.NodeRegistration;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.RecordedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** An in-memory {@code nodes} table for Admin API tests: rows as given, a fixed clock and log head. */
final class FakeClusterNodes implements ClusterNodes {

    static final Instant NOW = Instant.parse("2026-01-01T00:00:10Z");

    private final List<ClusterMember> rows = new ArrayList<>();
    volatile long head;

    synchronized void put(ClusterMember member) {
        rows.removeIf(m -> m.id().equals(member.id()));
        rows.add(member);
    }

    synchronized void clear() {
        rows.clear();
        head = 0;
    }

    @Override
    public void join(NodeRegistration node, long appliedPosition) {
        throw new UnsupportedOperationException("the Admin API only reads the nodes");
    }

    @Override
    public void beat(NodeRegistration node, RecordedState state, long appliedPosition) {
        throw new UnsupportedOperationException("the Admin API only reads the nodes");
    }

    @Override
    public synchronized ClusterView view() {
        return new ClusterView(NOW, head, List.copyOf(rows));
    }

    @Override
    public synchronized int remove(Collection<ClusterMember> members) {
        int before = rows.size();
        rows.removeAll(members);
        return before - rows.size();
    }
}
