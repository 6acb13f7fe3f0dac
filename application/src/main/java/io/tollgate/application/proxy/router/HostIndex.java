package io.tollgate.application.proxy.router;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Candidates indexed by host (kong-internals §8.1): exact names in a hash map; {@code *.example.com} by its suffix
 * and {@code example.*} by its prefix, looked up with each suffix/prefix of the request host cut at a dot; routes
 * without hosts apart. Each group is a {@link PathIndex}. A lookup costs one map probe per label of the host plus
 * the path walk, whatever the number of routes. Built once, then only read.
 */
final class HostIndex {

    private final Map<String, PathIndex> exact;
    private final Map<String, PathIndex> suffixes = new HashMap<>();
    private final Map<String, PathIndex> prefixes = new HashMap<>();
    private final PathIndex anyHost = new PathIndex();
    /** Which key lengths the wildcard maps hold (lengths over 255 always probed), to skip hopeless probes. */
    private final BitSet suffixLengths = new BitSet(256);

    private final BitSet prefixLengths = new BitSet(256);

    /** @param expectedHosts about how many exact host names will be added (sizes the map once) */
    HostIndex(int expectedHosts) {
        exact = HashMap.newHashMap(expectedHosts);
    }

    /** Adds the candidate under each of its hosts (a route with several hosts is reachable from each). */
    void add(RouteCandidate candidate) {
        if (candidate.hosts.length == 0) {
            anyHost.add(candidate);
            return;
        }
        HostPattern previous = null;
        for (HostPattern host : candidate.hosts) {
            if (previous != null && previous.name().equals(host.name()) && previous.kind() == host.kind()) {
                continue;
            }
            previous = host;
            Map<String, PathIndex> map = switch (host.kind()) {
                case EXACT -> exact;
                case SUFFIX -> suffixes;
                case PREFIX -> prefixes;
            };
            map.computeIfAbsent(host.name(), h -> new PathIndex()).add(candidate);
            if (host.kind() != HostPattern.Kind.EXACT) {
                (host.kind() == HostPattern.Kind.SUFFIX ? suffixLengths : prefixLengths)
                        .set(Math.min(host.name().length(), 256));
            }
        }
    }

    /** Calls {@code visitor} with every candidate whose host and path might match. */
    void candidates(String host, String path, Consumer<RouteCandidate> visitor) {
        PathIndex same = exact.get(host);
        if (same != null) {
            same.candidates(path, visitor);
        }
        if (!suffixes.isEmpty()) {
            for (int i = host.indexOf('.', 1); i > 0; i = host.indexOf('.', i + 1)) {
                if (!hasLength(suffixLengths, host.length() - i)) {
                    continue;
                }
                PathIndex bySuffix = suffixes.get(host.substring(i));
                if (bySuffix != null) {
                    bySuffix.candidates(path, visitor);
                }
            }
        }
        if (!prefixes.isEmpty()) {
            for (int i = host.indexOf('.'); i >= 0 && i < host.length() - 1; i = host.indexOf('.', i + 1)) {
                if (!hasLength(prefixLengths, i + 1)) {
                    continue;
                }
                PathIndex byPrefix = prefixes.get(host.substring(0, i + 1));
                if (byPrefix != null) {
                    byPrefix.candidates(path, visitor);
                }
            }
        }
        anyHost.candidates(path, visitor);
    }

    private static boolean hasLength(BitSet lengths, int length) {
        return lengths.get(Math.min(length, 256));
    }
}
