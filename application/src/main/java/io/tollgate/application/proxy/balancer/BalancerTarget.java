package io.tollgate.application.proxy.balancer;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.tollgate.domain.net.HostAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One weighted target of an upstream balancer (a Kong target row with weight &gt; 0) with the live statistics the
 * {@code least-connections} and {@code latency} algorithms read: tries in flight ({@code least-connections}) and a
 * peak-EWMA of try latency ({@code latency}). The
 * statistics object is carried over when the balancer is rebuilt, so counters survive target changes.
 */
final class BalancerTarget {

    /** Decay time constant of the latency EWMA (Kong's {@code latency} algorithm decays over 10 s), in nanoseconds. */
    static final double DECAY_NANOS = 10_000_000_000d;

    final String address;
    final int weight;
    final Peer httpPeer;
    final Peer httpsPeer;
    final Stats stats;

    /**
     * @param host the target's host name or IP literal
     * @param port the target's port
     * @param weight 1–65535
     * @param hostHeader the upstream's {@code host_header}, or {@code null} to send the target's host
     * @param stats the statistics to use (carried over from the previous balancer), or {@code null} for new ones
     */
    BalancerTarget(String host, int port, int weight, String hostHeader, Stats stats) {
        this.address = new Peer(host, port, host).address();
        this.weight = weight;
        this.httpPeer = new Peer(host, port, hostHeader(hostHeader, host, port, 80));
        this.httpsPeer = new Peer(host, port, hostHeader(hostHeader, host, port, 443));
        this.stats = stats;
    }

    Peer peer(String scheme) {
        return HostAddress.defaultPort(scheme) == 443 ? httpsPeer : httpPeer;
    }

    /** Kong's upstream Host: {@code host_header} (kept as given when it names a port) or the target host, plus port. */
    static String hostHeader(String hostHeader, String host, int port, int defaultPort) {
        String name = hostHeader == null ? host : hostHeader;
        if (hostHeader != null && (hostHeader.lastIndexOf(':') > hostHeader.lastIndexOf(']'))) {
            return hostHeader;
        }
        return HostAddress.authority(name, port, defaultPort);
    }

    /** Live, lock-free counters of one target address. */
    static final class Stats {
        final AtomicInteger active = new AtomicInteger();
        private final AtomicReference<Ewma> latency = new AtomicReference<>(new Ewma(0, 0));

        /** The peak-EWMA latency in ms decayed to {@code nowNanos}; 0 when never measured. */
        double latencyMs(long nowNanos) {
            Ewma current = latency.get();
            if (current.atNanos == 0) {
                return 0;
            }
            return current.valueMs * Math.exp(-(nowNanos - current.atNanos) / DECAY_NANOS);
        }

        void record(PeerOutcome outcome, long nowNanos) {
            double sample = Math.max(outcome.latencyMs(), 0.001);
            latency.updateAndGet(old -> {
                if (old.atNanos == 0 || sample > old.valueMs) {
                    return new Ewma(sample, nowNanos); // peak: jump straight up to a slower sample
                }
                double w = Math.exp(-Math.max(nowNanos - old.atNanos, 0) / DECAY_NANOS);
                return new Ewma(old.valueMs * w + sample * (1 - w), nowNanos);
            });
        }
    }

    private record Ewma(double valueMs, long atNanos) {}
}
