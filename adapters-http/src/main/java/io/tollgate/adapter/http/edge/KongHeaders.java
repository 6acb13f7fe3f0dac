package io.tollgate.adapter.http.edge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Kong's {@code headers} property, pre-parsed into flags: which of Kong's headers the proxy adds to responses.
 * Tokens (case-insensitive): {@code server_tokens} ({@code Server} and {@code Via}), {@code latency_tokens}
 * ({@code X-Kong-Proxy-Latency}, {@code X-Kong-Response-Latency}, {@code X-Kong-Admin-Latency},
 * {@code X-Kong-Upstream-Latency}), any of those header names alone, {@code X-Kong-Upstream-Status} (only when
 * named), {@code X-Kong-Request-Id}, or {@code off} (none; among other tokens, ignored as Kong does). Kong's default is
 * {@code server_tokens, latency_tokens, x-kong-request-id}.
 *
 * @param server {@code Server: tollgate/<version>}
 * @param via {@code Via}
 * @param proxyLatency {@code X-Kong-Proxy-Latency} (ms) on proxied responses
 * @param responseLatency {@code X-Kong-Response-Latency} (ms) on generated responses
 * @param upstreamLatency {@code X-Kong-Upstream-Latency} (ms) on proxied responses
 * @param adminLatency {@code X-Kong-Admin-Latency} (ms) on the Admin API's and the status API's responses
 * @param upstreamStatus {@code X-Kong-Upstream-Status} on proxied responses
 * @param requestId {@code X-Kong-Request-Id} on every response
 * @param configured the tokens as configured (trimmed, case kept), for display as Kong's {@code GET /} does
 */
public record KongHeaders(
        boolean server,
        boolean via,
        boolean proxyLatency,
        boolean responseLatency,
        boolean upstreamLatency,
        boolean adminLatency,
        boolean upstreamStatus,
        boolean requestId,
        List<String> configured) {

    /** Kong's default: {@code server_tokens, latency_tokens, x-kong-request-id}. */
    public static final KongHeaders DEFAULTS = parse(List.of("server_tokens", "latency_tokens", "x-kong-request-id"));

    public KongHeaders {
        configured = List.copyOf(configured);
    }

    /**
     * @param tokens the comma-separated property's entries; blanks ignored
     * @throws IllegalArgumentException naming an unknown token
     */
    public static KongHeaders parse(List<String> tokens) {
        boolean[] on = new boolean[8];
        List<String> kept = new ArrayList<>();
        for (String raw : tokens) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            if (token.isEmpty()) {
                continue;
            }
            kept.add(raw.trim());
            switch (token) {
                case "off" -> {}
                case "server_tokens" -> {
                    on[0] = true;
                    on[1] = true;
                }
                case "latency_tokens" -> {
                    on[2] = true;
                    on[3] = true;
                    on[4] = true;
                    on[5] = true;
                }
                case "server" -> on[0] = true;
                case "via" -> on[1] = true;
                case "x-kong-proxy-latency" -> on[2] = true;
                case "x-kong-response-latency" -> on[3] = true;
                case "x-kong-upstream-latency" -> on[4] = true;
                case "x-kong-admin-latency" -> on[5] = true;
                case "x-kong-upstream-status" -> on[6] = true;
                case "x-kong-request-id" -> on[7] = true;
                default -> throw new IllegalArgumentException("invalid header value: '" + raw.trim() + "'");
            }
        }
        return new KongHeaders(on[0], on[1], on[2], on[3], on[4], on[5], on[6], on[7], kept);
    }

    /**
     * Parses {@code headers_upstream}: {@code X-Kong-Request-Id} (case-insensitive) or {@code off}.
     *
     * @return whether {@code X-Kong-Request-Id} is sent upstream
     * @throws IllegalArgumentException for any other token
     */
    public static boolean parseUpstream(List<String> tokens) {
        boolean requestId = false;
        for (String raw : tokens) {
            String token = raw.trim().toLowerCase(Locale.ROOT);
            switch (token) {
                case "", "off" -> {}
                case "x-kong-request-id" -> requestId = true;
                default -> throw new IllegalArgumentException("invalid header value: '" + raw.trim() + "'");
            }
        }
        return requestId;
    }
}
