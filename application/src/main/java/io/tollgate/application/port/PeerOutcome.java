package io.tollgate.application.port;

import java.util.Objects;

/**
 * How one exchange with a peer (an upstream target's address) ended, as Kong's health checker counts it: a proxied
 * try reported through {@link io.tollgate.application.port.in.UpstreamPeers#report} (passive checks,
 * {@code healthchecks.passive.*}, and the {@code least-connections} / {@code latency} algorithms), or an active probe
 * answered by {@link io.tollgate.application.port.out.HealthProbes#probe} ({@code healthchecks.active.*}).
 *
 * @param kind what happened
 * @param status the HTTP status of a {@link Kind#RESPONSE} (0 for a {@code tcp} probe that connected or an
 *     unreadable response), else 0
 * @param latencyMs from sending the request (starting the probe) to the response head or the failure, in milliseconds
 */
public record PeerOutcome(Kind kind, int status, long latencyMs) {

    /** The classes of outcome Kong's health checker distinguishes. */
    public enum Kind {
        /** The peer answered with a status (counted by {@code http_statuses}), or a {@code tcp} probe connected. */
        RESPONSE,
        /** Connecting, the TLS handshake or the exchange failed (counted by {@code tcp_failures}). */
        TCP_ERROR,
        /**
         * {@code connect_timeout}, {@code write_timeout}, {@code read_timeout} or a probe's {@code timeout} elapsed
         * (counted by {@code timeouts}).
         */
        TIMEOUT
    }

    public PeerOutcome {
        Objects.requireNonNull(kind, "kind");
    }

    /** The peer answered with {@code status} (0: a {@code tcp} probe connected, or the response was unreadable). */
    public static PeerOutcome response(int status, long latencyMs) {
        return new PeerOutcome(Kind.RESPONSE, status, latencyMs);
    }

    /** Connecting, the TLS handshake or the exchange failed after {@code latencyMs} milliseconds. */
    public static PeerOutcome tcpError(long latencyMs) {
        return new PeerOutcome(Kind.TCP_ERROR, 0, latencyMs);
    }

    /** A timeout elapsed after {@code latencyMs} milliseconds. */
    public static PeerOutcome timeout(long latencyMs) {
        return new PeerOutcome(Kind.TIMEOUT, 0, latencyMs);
    }
}
