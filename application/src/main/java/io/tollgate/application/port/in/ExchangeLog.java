package io.tollgate.application.port.in;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the proxy adapter measured about one completed exchange: the raw material of Kong's log serializer
 * ({@code kong.log.serialize}, kong-internals §9.3), reported once through {@link ResponsePhases#completed}.
 *
 * @param requestId the request's id (Kong's {@code request.id}, the {@code X-Kong-Request-Id} value)
 * @param status the status sent to the client
 * @param headers the response headers sent, names as sent, values in order
 * @param requestSize bytes received from the client: request line, headers and body (Kong's {@code request.size},
 *     nginx's {@code $request_length}); a streamed chunked body is counted only when it was read through the plugins
 * @param responseSize bytes sent to the client: status line, headers and body (Kong's {@code response.size}, nginx's
 *     {@code $bytes_sent})
 * @param url the URL the client addressed, {@code scheme://host:port/path?query} (Kong's {@code request.url})
 * @param tls the client connection's TLS, or {@code null} for plain HTTP
 * @param upstreamStatus the status of the last upstream response, or 0 when no upstream answered
 * @param tries the upstream tries in order (Kong's {@code balancer_data.tries}); empty when none was made
 * @param upstreamWaitMs ms from sending the request upstream to its response head (Kong's {@code latencies.proxy}),
 *     or -1 when no upstream answered
 * @param upstreamReceiveMs ms from the upstream's response head to the end of the exchange (Kong's
 *     {@code latencies.receive}), 0 when no upstream answered
 * @param totalMs ms from the request's arrival to the end of the exchange (Kong's {@code latencies.request})
 */
public record ExchangeLog(
        String requestId,
        int status,
        Map<String, List<String>> headers,
        long requestSize,
        long responseSize,
        String url,
        @Nullable Tls tls,
        int upstreamStatus,
        List<UpstreamTry> tries,
        long upstreamWaitMs,
        long upstreamReceiveMs,
        long totalMs) {

    /** Defensive copies (header order kept). */
    public ExchangeLog {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        tries = List.copyOf(tries);
    }

    /**
     * The client connection's TLS (Kong's {@code request.tls}).
     *
     * @param version e.g. {@code TLSv1.3}
     * @param cipher the negotiated cipher suite, e.g. {@code TLS_AES_256_GCM_SHA384}
     * @param clientVerify {@code SUCCESS} when the client presented a certificate the listener verified, else
     *     {@code NONE}
     */
    public record Tls(String version, String cipher, String clientVerify) {}

    /**
     * One upstream try (an entry of Kong's {@code balancer_data.tries}).
     *
     * @param ip the peer's address, e.g. {@code 127.0.0.1}
     * @param port the peer's port
     * @param startedAtMs when the balancer started this try, epoch ms ({@code balancer_start})
     * @param balancerLatencyMs ms the balancer took to pick and resolve the peer ({@code balancer_latency})
     * @param state {@code failed} when the try could not get a response (connection error or timeout), else
     *     {@code null}
     * @param code the status nginx records for a failed try that got no response head (502, or 504 for a timeout;
     *     an entry of {@code $upstream_status}), or 0
     * @param cached whether the try went on a reused keep-alive connection; {@code null} for the last try (Kong
     *     records it when the next try starts)
     */
    public record UpstreamTry(
            String ip,
            int port,
            long startedAtMs,
            long balancerLatencyMs,
            @Nullable String state,
            int code,
            @Nullable Boolean cached) {}
}
