package io.tollgate.application.proxy.router;

import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One route compiled for matching, restricted to one of its paths (a route with several paths becomes one
 * candidate per path, as Kong splits mixed-length routes into several matchers), with its priority per Kong's
 * {@code traditional_compatible} flavor (kong-internals §8.2).
 */
final class RouteCandidate {

    /** Best first: more criteria, plain hosts, more headers, regex over prefix, higher regex_priority / longer
     *  prefix, then older {@code created_at}, then smaller id. */
    static final Comparator<RouteCandidate> PRIORITY = Comparator
            .comparingInt((RouteCandidate c) -> c.criteria).reversed()
            .thenComparing(c -> !c.plainHosts)
            .thenComparing(Comparator.comparingInt((RouteCandidate c) -> c.headerCount).reversed())
            .thenComparing(c -> c.regex == null)
            .thenComparing(Comparator.comparingLong(RouteCandidate::weight).reversed())
            .thenComparingLong(c -> c.route.createdAt())
            .thenComparing(c -> c.route.id().value().toString());

    final Route route;
    final @Nullable Service service;
    final List<HostPattern> hosts;
    private final Set<String> methods;
    private final List<HeaderRule> headers;
    final @Nullable String prefix;
    final @Nullable Pattern regex;
    private final int criteria;
    private final boolean plainHosts;
    private final int headerCount;

    RouteCandidate(Route route, @Nullable Service service, @Nullable String path) {
        this.route = route;
        this.service = service;
        this.hosts = route.hosts().stream().map(HostPattern::parse).toList();
        this.methods = Set.copyOf(route.methods());
        List<HeaderRule> rules = new ArrayList<>();
        route.headers().forEach((name, values) -> rules.add(HeaderRule.of(name, values)));
        this.headers = List.copyOf(rules);
        if (path != null && path.startsWith("~")) {
            this.regex = Pattern.compile(path.substring(1));
            this.prefix = null;
        } else {
            this.regex = null;
            this.prefix = path;
        }
        int count = 0;
        for (boolean set : new boolean[] {!route.methods().isEmpty(), !route.hosts().isEmpty(),
                !route.headers().isEmpty(), !route.paths().isEmpty()}) {
            count += set ? 1 : 0;
        }
        this.criteria = count;
        this.plainHosts = !hosts.isEmpty() && hosts.stream().noneMatch(HostPattern::wildcard);
        this.headerCount = Math.min(255, headers.size());
    }

    /** regex_priority for regex paths, the prefix length for plain ones. */
    private long weight() {
        if (regex != null) {
            return route.regexPriority();
        }
        return prefix == null ? 0 : prefix.length();
    }

    /** The match, or {@code null} when any non-empty criterion fails. */
    @Nullable RouteMatch match(RouteRequest request) {
        if (!methods.isEmpty() && !methods.contains(request.method())) {
            return null;
        }
        if (!hosts.isEmpty() && hosts.stream().noneMatch(h -> h.matches(request.host(), request.port()))) {
            return null;
        }
        for (HeaderRule rule : headers) {
            if (!rule.matches(request.headers().apply(rule.name))) {
                return null;
            }
        }
        int matched = 0;
        if (regex != null) {
            Matcher m = regex.matcher(request.path());
            if (!m.lookingAt()) {
                return null;
            }
            matched = m.end();
        } else if (prefix != null) {
            if (!request.path().startsWith(prefix)) {
                return null;
            }
            matched = prefix.length();
        }
        return new RouteMatch(route, service, request.path(), matched);
    }

    /** One configured header: any request value must equal one of the values (case-insensitive) or match a
     *  {@code ~*} regex. */
    private record HeaderRule(String name, Set<String> exact, List<Pattern> patterns) {

        static HeaderRule of(String name, List<String> values) {
            List<Pattern> patterns = new ArrayList<>();
            java.util.HashSet<String> exact = new java.util.HashSet<>();
            for (String value : values) {
                if (value.startsWith("~*")) {
                    patterns.add(Pattern.compile(value.substring(2), Pattern.CASE_INSENSITIVE));
                } else {
                    exact.add(value.toLowerCase(Locale.ROOT));
                }
            }
            return new HeaderRule(name, Set.copyOf(exact), List.copyOf(patterns));
        }

        boolean matches(List<String> values) {
            for (String value : values) {
                if (exact.contains(value.toLowerCase(Locale.ROOT))
                        || patterns.stream().anyMatch(p -> p.matcher(value).find())) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public String toString() {
        return "RouteCandidate[" + route.id().value() + " " + (regex != null ? "~" + regex : prefix) + "]";
    }
}
