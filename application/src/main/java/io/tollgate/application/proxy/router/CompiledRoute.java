package io.tollgate.application.proxy.router;

import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * One route as the {@link Router} compiled it: the route, the state of its service at that time, and its candidates
 * (one per path). A route is left out ({@code included = false}, no candidates) when it is for neither {@code http}
 * nor {@code https}, its service is missing or disabled, or a header regex does not compile; a single bad regex path
 * leaves out only that path. Kept by the router so that a patch compiles only the changed routes.
 *
 * @param service the route's service as compiled, {@code null} for a route without one or whose service is missing
 * @param included whether the route counts in {@link Router#size()}
 */
record CompiledRoute(Route route, @Nullable Service service, boolean included, List<RouteCandidate> candidates) {

    private static final System.Logger LOG = System.getLogger(Router.class.getName());

    /** Compiles {@code route} with {@code service} (its current state, {@code null} when missing or none). */
    static CompiledRoute of(Route route, @Nullable Service service) {
        if (!route.protocols().contains("http") && !route.protocols().contains("https")) {
            return new CompiledRoute(route, service, false, List.of());
        }
        if (route.service() != null && (service == null || !service.enabled())) {
            return new CompiledRoute(route, service, false, List.of());
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
            return new CompiledRoute(route, service, false, List.of());
        }
        List<String> paths = route.paths();
        if (paths.isEmpty()) {
            return new CompiledRoute(route, service, true, List.of(new RouteCandidate(rules, service, null, 0)));
        }
        List<RouteCandidate> candidates = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            try {
                candidates.add(new RouteCandidate(rules, service, paths.get(i), i));
            } catch (PatternSyntaxException e) {
                LOG.log(
                        Level.WARNING,
                        "route {0}: skipping invalid regex {1}: {2}",
                        route.id().value(),
                        paths.get(i),
                        e.getDescription());
            }
        }
        return new CompiledRoute(route, service, true, List.copyOf(candidates));
    }

    /** Whether both were compiled from the same route and service state. */
    boolean sameSource(CompiledRoute other) {
        return route.equals(other.route) && Objects.equals(service, other.service);
    }
}
