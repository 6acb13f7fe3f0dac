package io.tollgate.application.proxy.router;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What the router looks at in a request (kong-internals §8.1).
 *
 * @param method upper-case method
 * @param host lower-case host name without port (empty when the request had none); a trailing dot is dropped
 * @param port the destination port (the listening port), for {@code host:port} route hosts
 * @param path the normalized request path ({@link RequestPaths#normalize}), without query
 * @param headers a request header's values by name (case-insensitive)
 * @param scheme {@code http} or {@code https}: the client connection's protocol (Kong's {@code net.protocol})
 * @param sni the TLS server name the client sent (lower case), or {@code null}; route {@code snis} are only
 *        evaluated when {@code scheme} is {@code https}
 */
public record RouteRequest(
        String method,
        String host,
        int port,
        String path,
        Function<String, List<String>> headers,
        String scheme,
        @Nullable String sni) {

    public RouteRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(scheme, "scheme");
        host = HostPattern.withoutTrailingDot(host);
    }

    /** A plain-text ({@code http}) request without SNI. */
    public RouteRequest(String method, String host, int port, String path, Function<String, List<String>> headers) {
        this(method, host, port, path, headers, "http", null);
    }

    boolean tls() {
        return "https".equals(scheme);
    }
}
