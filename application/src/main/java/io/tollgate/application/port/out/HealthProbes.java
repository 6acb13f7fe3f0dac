package io.tollgate.application.port.out;

import io.tollgate.application.port.PeerOutcome;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Network probes for Kong's active health checks ({@code upstreams.healthchecks.active}, kong-internals §8.7): one
 * connection to a target per call, without blocking the caller.
 */
public interface HealthProbes {

    /**
     * Probes one target once.
     *
     * @return completes (never exceptionally) with {@link PeerOutcome#response} and the HTTP status for {@code http}
     *         and {@code https} probes (status 0 for an unreadable response), {@link PeerOutcome#response} with
     *         status 0 for a {@code tcp} probe that connected, {@link PeerOutcome#timeout} when
     *         {@link Probe#timeout()} elapsed, {@link PeerOutcome#tcpError} when connecting, the TLS handshake or the
     *         exchange failed
     */
    CompletionStage<PeerOutcome> probe(Probe probe);

    /**
     * One probe.
     *
     * @param type {@code http}, {@code https} or {@code tcp} (Kong's {@code active.type}; {@code grpc}/{@code grpcs}
     *        are probed as {@code http}/{@code https})
     * @param host the target's host name or IP literal (IPv6 without brackets)
     * @param port the target's port
     * @param path {@code active.http_path}, e.g. {@code /status}
     * @param timeout {@code active.timeout} (Kong gives it in seconds) for connecting and for the response head
     * @param headers {@code active.headers}: extra request headers, each with one or more values
     * @param sni {@code active.https_sni}, or {@code null} for the target's host
     * @param verifyCertificate {@code active.https_verify_certificate}
     * @param hostHeader the {@code Host} an {@code http}/{@code https} probe sends unless {@code headers} name one:
     *        Kong's upstream {@code host_header}, else the target's host (an IPv6 literal in brackets), without port
     */
    record Probe(
            String type,
            String host,
            int port,
            String path,
            Duration timeout,
            Map<String, List<String>> headers,
            @Nullable String sni,
            boolean verifyCertificate,
            String hostHeader) {
        public Probe {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(hostHeader, "hostHeader");
            headers = Map.copyOf(headers);
        }
    }
}
