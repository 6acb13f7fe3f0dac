package io.tollgate.application.proxy.balancer;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Upstreams, targets and a switchable health checker for balancer tests. */
final class Fixtures {

    private Fixtures() {}

    static Upstream upstream(Map<String, ?> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.putIfAbsent("name", "up");
        return Upstream.of(Entities.of(Upstreams.SCHEMA, input));
    }

    static Balancers.TargetRow row(Upstream upstream, String host, int port, int weight, double createdAt) {
        return new Balancers.TargetRow(
                new Target(new TargetId(UUID.randomUUID()), upstream.id(), host, port, weight), createdAt);
    }

    /** A balancer over {@code 10.0.0.<i+1>:80} targets with the given weights. */
    static UpstreamBalancer balancer(Upstream upstream, TargetHealth health, int... weights) {
        List<Balancers.TargetRow> rows = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            rows.add(row(upstream, "10.0.0." + (i + 1), 80, weights[i], i));
        }
        return Balancers.compile(List.of(upstream), rows, health, Balancers.EMPTY)
                .find(upstream.name())
                .orElseThrow();
    }

    /** One request's first peer, reported as a 200 at once. */
    static String pickOnce(UpstreamBalancer balancer, String key) {
        UpstreamPeers peers = balancer.peers("http", key);
        UpstreamPeers.Peer peer = peers.next();
        if (peer == null) {
            return null;
        }
        peers.report(peer, PeerOutcome.response(200, 1));
        return peer.host();
    }

    /** Health that marks the listed addresses ({@code host:port}) unhealthy and records reports. */
    static final class Health implements TargetHealth {
        final Set<String> down = ConcurrentHashMap.newKeySet();
        final List<String> reports = new ArrayList<>();

        @Override
        public boolean isHealthy(UpstreamId upstream, String target) {
            return !down.contains(target);
        }

        @Override
        public void report(UpstreamId upstream, String target, PeerOutcome outcome) {
            reports.add(target + " " + outcome.kind());
        }
    }
}
