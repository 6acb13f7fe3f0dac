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
import java.util.TreeMap;
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
        return compile(upstream, health, rows);
    }

    /** The balancer of {@code upstream} over the given target rows (the latest row of an address wins). */
    static UpstreamBalancer compile(Upstream upstream, TargetHealth health, List<Balancers.TargetRow> rows) {
        return Balancers.compile(List.of(upstream), rows, health, Balancers.EMPTY)
                .find(upstream.name())
                .orElseThrow();
    }

    /**
     * A balancer over the IP targets Kong's balancer specs get from their SRV records: {@code 20.20.20.20:80},
     * {@code 50.50.50.50:80}, {@code 70.70.70.70:80}, as many as weights are given.
     */
    static UpstreamBalancer kongBalancer(Upstream upstream, TargetHealth health, int... weights) {
        String[] ips = {"20.20.20.20", "50.50.50.50", "70.70.70.70"};
        List<Balancers.TargetRow> rows = new ArrayList<>();
        for (int i = 0; i < weights.length; i++) {
            rows.add(row(upstream, ips[i], 80, weights[i], i));
        }
        return compile(upstream, health, rows);
    }

    /** One request's {@code tries} tries, each failing with a refused connection, counted by host. */
    static Map<String, Integer> failingTries(UpstreamBalancer balancer, int tries) {
        UpstreamPeers peers = balancer.peers("http", null);
        Map<String, Integer> tried = new TreeMap<>();
        for (int i = 0; i < tries; i++) {
            UpstreamPeers.Peer peer = peers.next();
            if (peer == null) {
                continue;
            }
            tried.merge(peer.host(), 1, Integer::sum);
            peers.report(peer, PeerOutcome.tcpError(1));
        }
        return tried;
    }

    /** Kong's "inserts provided hosts": three named targets, as {@code host:port/weight} in the balancer's order. */
    static List<String> insertsProvidedHosts(Upstream upstream, TargetHealth health) {
        UpstreamBalancer b = compile(
                upstream,
                health,
                List.of(
                        row(upstream, "konghq.com", 8000, 100, 1),
                        row(upstream, "github.com", 8000, 100, 2),
                        row(upstream, "getkong.org", 80, 25, 3)));
        return b.targets().stream().map(t -> t.address + "/" + t.weight).toList();
    }

    /** The hosts of {@code requests} first tries, each left in flight (never reported), counted by host. */
    static Map<String, Integer> heldTries(UpstreamBalancer balancer, int requests) {
        Map<String, Integer> hits = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            UpstreamPeers.Peer peer = balancer.peers("http", null).next();
            hits.merge(peer == null ? "none" : peer.host(), 1, Integer::sum);
        }
        return hits;
    }

    /** The {@code host:port} of {@code requests} first tries, each reported as a 200 at once, counted. */
    static Map<String, Integer> finishedTries(UpstreamBalancer balancer, int requests) {
        Map<String, Integer> hits = new TreeMap<>();
        for (int i = 0; i < requests; i++) {
            UpstreamPeers peers = balancer.peers("http", null);
            UpstreamPeers.Peer peer = peers.next();
            if (peer == null) {
                hits.merge("none", 1, Integer::sum);
            } else {
                peers.report(peer, PeerOutcome.response(200, 1));
                hits.merge(peer.address(), 1, Integer::sum);
            }
        }
        return hits;
    }

    /** The live statistics of the balancer's target at {@code address} ({@code host:port}). */
    static BalancerTarget target(UpstreamBalancer balancer, String address) {
        return balancer.targets().stream()
                .filter(t -> t.address.equals(address))
                .findFirst()
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
