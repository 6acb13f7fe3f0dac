package io.tollgate.application.proxy.router;

import io.tollgate.domain.route.Route;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A route's criteria other than its paths, compiled once and shared by the route's candidates
 * (kong-internals §8.1): methods, hosts, snis and headers. As in Kong's {@code traditional_compatible} router, the
 * route's {@code protocols} are no criterion: an {@code http}-only route also matches a request over TLS, and an
 * {@code https}-only one a plain-text request, which the proxy then answers with 426 or a redirect.
 *
 * @param idKey the route id as text, the tie-break between equal priorities (the larger wins)
 */
record RouteRules(
        Route route, HostPattern[] hosts, HostPattern[] snis, String[] methods, HeaderRule[] headers, String idKey) {

    /** @throws java.util.regex.PatternSyntaxException when a {@code ~*} header value does not compile */
    static RouteRules of(Route route) {
        HeaderRule[] headers = new HeaderRule[route.headers().size()];
        int i = 0;
        for (Map.Entry<String, List<String>> header : route.headers().entrySet()) {
            headers[i++] = HeaderRule.of(header.getKey(), header.getValue());
        }
        return new RouteRules(
                route,
                parseAll(route.hosts()),
                parseAll(route.snis()),
                route.methods().toArray(String[]::new),
                headers,
                route.id().value().toString());
    }

    private static HostPattern[] parseAll(List<String> names) {
        HostPattern[] patterns = new HostPattern[names.size()];
        for (int i = 0; i < patterns.length; i++) {
            patterns[i] = HostPattern.parse(names.get(i));
        }
        return patterns;
    }

    /** Whether every non-empty criterion but the path matches; {@code snis} only on TLS connections. */
    boolean matches(RouteRequest request) {
        boolean tls = request.tls();
        if (methods.length > 0 && !anyEquals(methods, request.method())) {
            return false;
        }
        if (hosts.length > 0 && !anyMatches(hosts, request.host(), request.port())) {
            return false;
        }
        if (snis.length > 0 && tls) {
            @Nullable String sni = request.sni();
            if (sni == null || !anyMatches(snis, HostPattern.withoutTrailingDot(sni), -1)) {
                return false;
            }
        }
        for (HeaderRule rule : headers) {
            if (!rule.matches(request.headers().apply(rule.name()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean anyEquals(String[] values, String value) {
        for (String v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyMatches(HostPattern[] patterns, String host, int port) {
        for (HostPattern pattern : patterns) {
            if (pattern.matches(host, port)) {
                return true;
            }
        }
        return false;
    }
}
