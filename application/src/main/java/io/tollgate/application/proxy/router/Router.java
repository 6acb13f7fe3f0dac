package io.tollgate.application.proxy.router;

import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An immutable router compiled from every route and its service, with Kong's {@code traditional_compatible}
 * matching and priority (kong-internals §8.1–§8.2). Candidates (one per route path) are indexed by host
 * ({@link HostIndex}: exact, wildcard suffix/prefix, none) and then by path ({@link PathIndex}: a trie of plain
 * prefixes and regex literal prefixes). A request evaluates only the candidates its host and path can select, so
 * a lookup's cost does not grow with the route count; among them the highest priority that matches wins.
 */
public final class Router {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** A router without routes: every request gets 404. */
    public static final Router EMPTY = compile(List.of(), Map.of());

    private final HostIndex index;
    private final int routeCount;

    private Router(HostIndex index, int routeCount) {
        this.index = index;
        this.routeCount = routeCount;
    }

    /**
     * Compiles the router. Left out: routes for neither {@code http} nor {@code https} (stream and gRPC routes),
     * routes whose service is missing or disabled ({@code enabled = false}), and routes with a regex (path or
     * {@code ~*} header value) that does not compile (logged) or a single bad path (only that path, logged). Routes
     * without a service are kept.
     *
     * @param routes every route, in any order
     * @param services the routes' services by id
     */
    public static Router compile(Collection<Route> routes, Map<ServiceId, Service> services) {
        HostIndex index = new HostIndex(routes.size());
        int count = 0;
        for (Route route : routes) {
            if (!route.protocols().contains("http") && !route.protocols().contains("https")) {
                continue;
            }
            Service service = route.service() == null ? null : services.get(route.service());
            if (route.service() != null && (service == null || !service.enabled())) {
                continue;
            }
            RouteRules rules;
            try {
                rules = RouteRules.of(route);
            } catch (PatternSyntaxException e) {
                LOG.log(
                        Level.WARNING,
                        "route {0}: skipping, invalid header regex: {1}",
                        route.id().value(),
                        e.getDescription());
                continue;
            }
            count++;
            List<String> paths = route.paths();
            if (paths.isEmpty()) {
                index.add(new RouteCandidate(rules, service, null, 0));
            }
            for (int i = 0; i < paths.size(); i++) {
                try {
                    index.add(new RouteCandidate(rules, service, paths.get(i), i));
                } catch (PatternSyntaxException e) {
                    LOG.log(
                            Level.WARNING,
                            "route {0}: skipping invalid regex {1}: {2}",
                            route.id().value(),
                            paths.get(i),
                            e.getDescription());
                }
            }
        }
        return new Router(index, count);
    }

    /** How many routes were compiled in. */
    public int size() {
        return routeCount;
    }

    /** The highest-priority route that matches, if any. */
    public Optional<RouteMatch> match(RouteRequest request) {
        Best best = new Best(request);
        index.candidates(request.host(), request.path(), best);
        return Optional.ofNullable(best.match);
    }

    /** How many candidates a lookup of {@code request} visits (its cost; for tests and the benchmark). */
    int candidatesVisited(RouteRequest request) {
        int[] count = {0};
        index.candidates(request.host(), request.path(), c -> count[0]++);
        return count[0];
    }

    /** Keeps the best matching candidate; skips evaluating those that could not beat it. */
    private static final class Best implements Consumer<RouteCandidate> {
        private final RouteRequest request;
        private @Nullable RouteCandidate candidate;
        private @Nullable RouteMatch match;

        Best(RouteRequest request) {
            this.request = request;
        }

        @Override
        public void accept(RouteCandidate next) {
            if (candidate != null && RouteCandidate.compare(next, candidate) >= 0) {
                return;
            }
            RouteMatch m = next.match(request);
            if (m != null) {
                candidate = next;
                match = m;
            }
        }
    }
}
