package io.tollgate.application.proxy.router;

import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import java.lang.System.Logger.Level;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * An immutable router compiled from every route and its service (kong-internals §8.1–§8.2). Candidates are indexed
 * by exact host, then by path prefix; routes with wildcard hosts and routes without hosts have an index each. A
 * request therefore only evaluates the candidates its host and path can select, whatever the route count.
 */
public final class Router {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** A router without routes: every request gets 404. */
    public static final Router EMPTY = compile(List.of(), Map.of());

    private final Map<String, PathIndex> byHost;
    private final PathIndex wildcardHosts;
    private final PathIndex anyHost;
    private final int routeCount;

    private Router(Map<String, PathIndex> byHost, PathIndex wildcardHosts, PathIndex anyHost, int routeCount) {
        this.byHost = byHost;
        this.wildcardHosts = wildcardHosts;
        this.anyHost = anyHost;
        this.routeCount = routeCount;
    }

    /**
     * Compiles the router. Routes for non-HTTP protocols only, routes whose service is disabled ({@code enabled =
     * false}) or missing, and paths that are not valid regexes are left out (the latter logged); routes without a
     * service are kept.
     */
    public static Router compile(Collection<Route> routes, Map<ServiceId, Service> services) {
        Map<String, PathIndex> byHost = new HashMap<>();
        PathIndex wildcardHosts = new PathIndex();
        PathIndex anyHost = new PathIndex();
        int count = 0;
        for (Route route : routes) {
            if (route.protocols().stream().noneMatch(p -> p.equals("http") || p.equals("https"))) {
                continue;
            }
            Service service = route.service() == null ? null : services.get(route.service());
            if (route.service() != null && (service == null || !service.enabled())) {
                continue;
            }
            count++;
            List<@Nullable String> paths = route.paths().isEmpty() ? java.util.Collections.singletonList(null)
                    : List.copyOf(route.paths());
            for (String path : paths) {
                RouteCandidate candidate;
                try {
                    candidate = new RouteCandidate(route, service, path);
                } catch (PatternSyntaxException e) {
                    LOG.log(Level.WARNING, "route {0}: skipping invalid regex {1}: {2}", route.id().value(), path,
                            e.getDescription());
                    continue;
                }
                if (candidate.hosts.isEmpty()) {
                    anyHost.add(candidate);
                }
                boolean wildcard = false;
                for (HostPattern host : candidate.hosts) {
                    if (host.wildcard()) {
                        wildcard = true;
                    } else {
                        byHost.computeIfAbsent(host.name(), h -> new PathIndex()).add(candidate);
                    }
                }
                if (wildcard) {
                    wildcardHosts.add(candidate);
                }
            }
        }
        return new Router(Map.copyOf(byHost), wildcardHosts, anyHost, count);
    }

    /** How many routes were compiled in. */
    public int size() {
        return routeCount;
    }

    /** The highest-priority route that matches, if any. */
    public Optional<RouteMatch> match(RouteRequest request) {
        Best best = new Best(request);
        PathIndex exact = byHost.get(HostPattern.withoutTrailingDot(request.host()));
        if (exact != null) {
            exact.candidates(request.path(), best);
        }
        wildcardHosts.candidates(request.path(), best);
        anyHost.candidates(request.path(), best);
        return Optional.ofNullable(best.match);
    }

    private static final class Best implements java.util.function.Consumer<RouteCandidate> {
        private final RouteRequest request;
        private @Nullable RouteCandidate candidate;
        private @Nullable RouteMatch match;

        Best(RouteRequest request) {
            this.request = request;
        }

        @Override
        public void accept(RouteCandidate next) {
            if (candidate != null && RouteCandidate.PRIORITY.compare(next, candidate) >= 0) {
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
