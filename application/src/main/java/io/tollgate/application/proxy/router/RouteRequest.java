package io.tollgate.application.proxy.router;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What the router looks at in a request (kong-internals §8.1).
 *
 * @param method upper-case method
 * @param host lower-case host name without port (empty when the request had none)
 * @param port the destination port, for {@code host:port} route hosts
 * @param path the normalized request path ({@link RequestPaths#normalize}), without query
 * @param headers a request header's values by name (case-insensitive)
 */
public record RouteRequest(String method, String host, int port, String path, Function<String, List<String>> headers) {
    public RouteRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(headers, "headers");
    }
}
