package io.tollgate.application.proxy.router;

import io.tollgate.domain.regex.RegexPath;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One route compiled for matching, restricted to one of its paths, with Kong's {@code traditional_compatible}
 * priority (kong-internals §8.2). Kong splits a route into one matcher per path group (all regex paths; the prefix
 * paths of each length); every path of a group has that group's priority, so one candidate per path selects the
 * same route and leaves the path order ({@link #ordinal}) as the last tie-break, like Kong's left-to-right
 * evaluation of a matcher's paths.
 */
final class RouteCandidate {

    /** Regex metacharacters that end a regex's literal prefix. */
    private static final String META = "\\.[]{}()*+?^$|";

    final Route route;
    final @Nullable Service service;
    final HostPattern[] hosts;
    private final RouteRules rules;
    /** The plain path, or {@code null} for a regex or a route without paths. */
    final @Nullable String prefix;

    final @Nullable Pattern regex;
    /** The characters every match of {@link #regex} starts with (for indexing); empty when unknown. */
    final String regexLiteral;

    private final Map<String, Integer> groupNames;
    /** Kong's 64-bit priority, compared unsigned: higher wins. */
    final long priority;

    private final int ordinal;

    /**
     * @param rules the route's compiled criteria other than paths, shared by its candidates
     * @param path one of the route's paths ({@code ~} prefix = regex), or {@code null} for a route without paths
     * @param ordinal the path's position in the route's {@code paths}
     * @throws java.util.regex.PatternSyntaxException when a regex path does not compile
     */
    RouteCandidate(RouteRules rules, @Nullable Service service, @Nullable String path, int ordinal) {
        this.rules = rules;
        this.route = rules.route();
        this.service = service;
        this.ordinal = ordinal;
        this.hosts = rules.hosts();
        if (path != null && path.startsWith("~")) {
            String source = path.substring(1);
            RegexPath compiled = RegexPath.compile(source); // Kong's PCRE forms, e.g. (?P<name>…)
            this.regex = compiled.pattern();
            this.regexLiteral = literalPrefix(source);
            this.groupNames = compiled.groups();
            this.prefix = null;
        } else {
            this.regex = null;
            this.regexLiteral = "";
            this.groupNames = Map.of();
            this.prefix = path;
        }
        this.priority = priority(route, hosts, rules.headers().length, regex != null, prefix);
    }

    /**
     * Kong's {@code get_priority}: bits 61–63 criteria count, bit 60 plain hosts only, bits 52–59 header count,
     * bit 51 regex path, bits 19–50 {@code regex_priority} (regex paths only; offset by 2^31 so negative values
     * keep their order), bits 0–18 prefix length.
     */
    static long priority(Route route, HostPattern[] hosts, int headerCount, boolean regex, @Nullable String prefix) {
        int criteria = 0;
        criteria += route.methods().isEmpty() ? 0 : 1;
        criteria += hosts.length == 0 ? 0 : 1;
        criteria += headerCount == 0 ? 0 : 1;
        criteria += route.snis().isEmpty() ? 0 : 1;
        criteria += route.paths().isEmpty() ? 0 : 1;
        boolean plainHosts = hosts.length > 0;
        for (HostPattern host : hosts) {
            plainHosts &= !host.wildcard();
        }
        long p = (long) criteria << 61;
        p |= plainHosts ? 1L << 60 : 0;
        p |= (long) Math.min(255, headerCount) << 52;
        if (regex) {
            p |= 1L << 51;
            p |= ((long) route.regexPriority() - Integer.MIN_VALUE) << 19;
        } else if (prefix != null) {
            p |= Math.min(prefix.length(), (1 << 19) - 1);
        }
        return p;
    }

    /**
     * Negative when {@code a} goes before {@code b}: higher priority, then the larger route id (Kong 3.x's
     * {@code traditional_compatible} router keeps its matchers by {@code (priority, uuid)} and tries them from the
     * largest key down, so {@code created_at} decides nothing), then the earlier path of the same route.
     */
    static int compare(RouteCandidate a, RouteCandidate b) {
        int c = Long.compareUnsigned(b.priority, a.priority);
        if (c != 0) {
            return c;
        }
        c = b.rules.idKey().compareTo(a.rules.idKey());
        return c != 0 ? c : Integer.compare(a.ordinal, b.ordinal);
    }

    /**
     * The longest literal text every match of {@code regex} (anchored at the start) begins with: the characters
     * before the first metacharacter, minus the last one when a quantifier follows; empty when the regex has an
     * alternation anywhere.
     */
    static String literalPrefix(String regex) {
        if (regex.indexOf('|') >= 0) {
            return "";
        }
        int end = 0;
        while (end < regex.length() && META.indexOf(regex.charAt(end)) < 0) {
            end++;
        }
        if (end < regex.length() && "?*+{".indexOf(regex.charAt(end)) >= 0) {
            end = Math.max(0, end - 1);
        }
        return regex.substring(0, end);
    }

    /** The match, or {@code null} when any non-empty criterion fails. Cheap checks first, the regex last. */
    @Nullable
    RouteMatch match(RouteRequest request) {
        if (!rules.matches(request)) {
            return null;
        }
        String path = request.path();
        if (regex != null) {
            Matcher m = regex.matcher(path);
            if (!m.lookingAt()) {
                return null;
            }
            return new RouteMatch(route, service, path, m.end(), UriCaptures.of(m, groupNames));
        }
        if (prefix != null) {
            return path.startsWith(prefix) ? new RouteMatch(route, service, path, prefix.length()) : null;
        }
        return new RouteMatch(route, service, path, 0);
    }

    @Override
    public String toString() {
        return "RouteCandidate[" + rules.idKey() + " " + (regex != null ? "~" + regex : prefix) + "]";
    }
}
