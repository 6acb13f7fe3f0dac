package io.tollgate.application.proxy.router;

import io.tollgate.domain.net.UriPaths;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The route a request matched, its service, how much of the path the route's path matched and what a regex path
 * captured.
 *
 * @param service the route's service, or {@code null} for a route without one (Kong then answers 503 after the
 *        plugins ran)
 * @param path the normalized request path that was matched
 * @param matchedLength how many leading characters of {@code path} the route's path matched: the prefix length,
 *        the end of a regex match, or 0 for a route without paths
 * @param uriCaptures the regex path's groups (Kong's {@code router_matches.uri_captures}); {@link UriCaptures#NONE}
 *        for prefix and path-less routes
 */
public record RouteMatch(
        Route route, @Nullable Service service, String path, int matchedLength, UriCaptures uriCaptures) {

    public RouteMatch {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(uriCaptures, "uriCaptures");
    }

    /** A match without captures. */
    public RouteMatch(Route route, @Nullable Service service, String path, int matchedLength) {
        this(route, service, path, matchedLength, UriCaptures.NONE);
    }

    /**
     * The path sent upstream per the route's {@code strip_path}/{@code path_handling} and the service's path. With
     * {@code strip_path}, Kong's postfix is what follows the matched path, or what follows the leading {@code /} for
     * a route matched without paths (hosts, methods, headers only), with a leading {@code ./}, {@code ../},
     * {@code .} or {@code ..} dropped ({@link UpstreamPath#postfix}). Built from the normalized path, then escaped
     * again ({@link UriPaths#escape}) as Kong does before forwarding: a raw path, ready for the request line.
     */
    public String upstreamPath() {
        String base = service == null ? null : service.path();
        String postfix =
                route.stripPath() ? UpstreamPath.postfix(path, route.paths().isEmpty() ? 1 : matchedLength) : null;
        return UriPaths.escape(
                "v1".equals(route.pathHandling())
                        ? UpstreamPath.v1(base, path, postfix)
                        : UpstreamPath.v0(base, path, postfix));
    }

    /** The prefix {@code strip_path} removed (Kong's {@code X-Forwarded-Prefix}), escaped, or {@code null}. */
    public @Nullable String strippedPrefix() {
        if (!route.stripPath() || matchedLength == 0) {
            return null;
        }
        if (matchedLength == 1 && path.charAt(0) == '/') {
            return null; // a bare "/" prefix is not sent
        }
        return UriPaths.escape(path.substring(0, matchedLength));
    }
}
