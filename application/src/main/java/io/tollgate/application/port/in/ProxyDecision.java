package io.tollgate.application.port.in;

import io.tollgate.application.plugin.spi.Json;
import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What {@link ProxyRequests} decided for one request: forward it upstream, or respond now. */
public sealed interface ProxyDecision permits ProxyDecision.Forward, ProxyDecision.Respond {

    /**
     * Forward the (possibly plugin-modified) request to the matched service.
     *
     * @param scheme {@code http} or {@code https} (the service's {@code protocol})
     * @param host the service host name or address
     * @param port the service port
     * @param pathAndQuery the upstream request target: the path built per Kong's {@code path_handling} rules
     *        (§8.4) and the (plugin-modified) raw query, e.g. {@code /s/x?a=1}
     * @param connectTimeoutMs the service's {@code connect_timeout}, in milliseconds
     * @param writeTimeoutMs the service's {@code write_timeout}, in milliseconds
     * @param readTimeoutMs the service's {@code read_timeout}, in milliseconds
     * @param preserveHost the route's {@code preserve_host}: send the client's {@code Host} instead of the service's
     * @param strippedPrefix the matched path prefix removed by {@code strip_path} (Kong's
     *        {@code X-Forwarded-Prefix}), or {@code null} when nothing was stripped
     * @param route the matched route
     * @param service the route's service
     * @param peers the balancer for this request: the peer of each try (the service's host itself when it names no
     *        upstream)
     * @param retries the service's {@code retries}: tries after the first on connection errors and timeouts
     * @param tls how to speak TLS when {@code scheme} is {@code https} (ignored for {@code http})
     * @param requestBuffering the route's {@code request_buffering}: read the request body before contacting the
     *        upstream (bounded; see the proxy adapter), else stream it
     * @param responseBuffering the route's {@code response_buffering} (the proxy adapter documents what it does)
     */
    record Forward(
            String scheme,
            String host,
            int port,
            String pathAndQuery,
            int connectTimeoutMs,
            int writeTimeoutMs,
            int readTimeoutMs,
            boolean preserveHost,
            @Nullable String strippedPrefix,
            RouteId route,
            ServiceId service,
            UpstreamPeers peers,
            int retries,
            UpstreamTls tls,
            boolean requestBuffering,
            boolean responseBuffering)
            implements ProxyDecision {

        public Forward {
            Objects.requireNonNull(scheme, "scheme");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(pathAndQuery, "pathAndQuery");
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(peers, "peers");
            Objects.requireNonNull(tls, "tls");
        }

        /** The {@code Host} header Kong sends when not preserving it: host, plus {@code :port} unless default. */
        public String hostHeader() {
            return HostAddress.authority(host, port, HostAddress.defaultPort(scheme));
        }
    }

    /**
     * Respond at once without contacting an upstream (no route, a plugin's {@code kong.response.exit}).
     *
     * @param status the HTTP status code
     * @param headers response headers, in order (e.g. {@code Content-Type}, {@code WWW-Authenticate})
     * @param body the response body (UTF-8); may be empty
     * @param raw the body as bytes, sent instead of {@code body} when not {@code null} (a cached response)
     * @param extraHeaders further values of {@code headers}' names and other headers, each with its values in order
     *     (e.g. several {@code Set-Cookie}), added after {@code headers}
     * @param proxied whether the response counts as proxied (Kong's {@code ctx.KONG_PROXIED}, which proxy-cache sets
     *     before it answers a hit): it then carries {@code X-Kong-Proxy-Latency} and {@code X-Kong-Upstream-Latency}
     *     instead of {@code X-Kong-Response-Latency}
     */
    record Respond(
            int status,
            Map<String, String> headers,
            String body,
            byte @Nullable [] raw,
            Map<String, List<String>> extraHeaders,
            boolean proxied)
            implements ProxyDecision {

        /** Kong's JSON content type for generated bodies. */
        public static final String JSON = "application/json; charset=utf-8";

        public Respond {
            headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            Objects.requireNonNull(body, "body");
            extraHeaders = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraHeaders));
        }

        /** A response with a text body. */
        public Respond(int status, Map<String, String> headers, String body) {
            this(status, headers, body, null, Map.of(), false);
        }

        /** A response with a body of any bytes and headers with several values. */
        public static Respond bytes(int status, Map<String, List<String>> headers, byte[] body) {
            return new Respond(status, Map.of(), "", body, headers, false);
        }

        /**
         * {@link #bytes} for a response that counts as proxied though no upstream was contacted (a proxy-cache hit,
         * Kong's {@code ctx.KONG_PROXIED}).
         */
        public static Respond proxiedBytes(int status, Map<String, List<String>> headers, byte[] body) {
            return new Respond(status, Map.of(), "", body, headers, true);
        }

        /** Kong's {@code {"message":"…"}} body with a JSON content type. */
        public static Respond message(int status, String message) {
            return message(status, message, Map.of());
        }

        /** Kong's {@code {"message":"…"}} body with a JSON content type and extra headers. */
        public static Respond message(int status, String message, Map<String, String> extraHeaders) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", JSON);
            headers.putAll(extraHeaders);
            return new Respond(status, headers, "{\"message\":" + jsonString(message) + "}");
        }

        /** {@code value} as a JSON string literal, quoted and escaped ({@link Json#quote}). */
        public static String jsonString(String value) {
            return Json.quote(value);
        }
    }
}
