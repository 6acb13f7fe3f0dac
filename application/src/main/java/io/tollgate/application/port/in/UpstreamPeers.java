package io.tollgate.application.port.in;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.domain.net.HostAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The balancer as one forwarded request sees it (Kong's {@code balancer_data} with its tries, kong-internals §8.5–
 * §8.6): hands out the peer for the first try and, after a failed try, for each retry, and takes the outcome of every
 * try back for passive health checks and the {@code least-connections} / {@code latency} algorithms.
 *
 * <p>One instance serves one request; the adapter calls it from that request's I/O thread. Nothing here blocks.
 */
public interface UpstreamPeers {

    /**
     * The peer for the next try: the first call gives the first try, each later call one retry (the caller stops
     * after {@code 1 + Forward.retries()} tries).
     *
     * @return the peer, or {@code null} when no peer is left (no targets, or none healthy: Kong's 503
     *         {@code "failure to get a peer from the ring-balancer"})
     */
    @Nullable
    Peer next();

    /** Reports how a try with {@code peer} (returned by {@link #next()}) ended. Called once per try. */
    void report(Peer peer, PeerOutcome outcome);

    /** A service that names a host directly (no upstream): always that one peer; reports are ignored. */
    static UpstreamPeers single(Peer peer) {
        Objects.requireNonNull(peer, "peer");
        return new UpstreamPeers() {
            @Override
            public Peer next() {
                return peer;
            }

            @Override
            public void report(Peer ignored, PeerOutcome outcome) {
                // no balancer, no health to track
            }
        };
    }

    /**
     * One address to send a try to.
     *
     * @param host the host name or IP literal to connect to (a name is resolved by the adapter, honouring DNS TTLs)
     * @param port the TCP port
     * @param hostHeader the {@code Host} header for this peer when the route does not preserve the client's (Kong:
     *        the target's host, or the upstream's {@code host_header}, plus {@code :port} unless default)
     */
    record Peer(String host, int port, String hostHeader) {
        public Peer {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(hostHeader, "hostHeader");
        }

        /** {@code host:port}, Kong's target notation (IPv6 in brackets). */
        public String address() {
            return HostAddress.bracketed(host) + ":" + port;
        }
    }
}
