package io.tollgate.application.proxy.router;

import java.util.BitSet;
import java.util.Collection;
import java.util.EnumSet;
import java.util.function.Consumer;

/**
 * Candidates indexed by host (kong-internals §8.1): exact names in a hash map; {@code *.example.com} by its suffix
 * and {@code example.*} by its prefix, looked up with each suffix/prefix of the request host cut at a dot; routes
 * without hosts apart. Each group is a {@link PathIndex}. A lookup costs one map probe per label of the host plus
 * the path walk, whatever the number of routes. A full compile fills a new index with {@link #add}; a router patch
 * derives a new one with {@link #patch}, which copies only the shard of a {@link HostMap} it changes (1/64 of its
 * names; routes without hosts touch none) and path-copies the {@link PathIndex}es involved. An index a router
 * uses is never modified.
 */
final class HostIndex {

    private HostMap exact;
    private HostMap suffixes = new HostMap(16);
    private HostMap prefixes = new HostMap(16);
    private PathIndex anyHost = new PathIndex();
    /**
     * Which key lengths the wildcard maps hold (lengths over 255 always probed), to skip hopeless probes. A patch that
     * removes a wildcard may leave its length set: that only costs a probe.
     */
    private BitSet suffixLengths = new BitSet(256);

    private BitSet prefixLengths = new BitSet(256);

    /** @param expectedHosts about how many exact host names will be added (sizes the map once) */
    HostIndex(int expectedHosts) {
        exact = new HostMap(expectedHosts);
    }

    private HostIndex(HostIndex from) {
        exact = from.exact;
        suffixes = from.suffixes;
        prefixes = from.prefixes;
        anyHost = from.anyHost;
        suffixLengths = from.suffixLengths;
        prefixLengths = from.prefixLengths;
    }

    /**
     * A new index without {@code removed} (the very candidates this index holds) and with {@code added}; this one is
     * unchanged.
     */
    HostIndex patch(Collection<RouteCandidate> removed, Collection<RouteCandidate> added) {
        HostIndex next = new HostIndex(this);
        EnumSet<HostPattern.Kind> copied = EnumSet.noneOf(HostPattern.Kind.class);
        for (RouteCandidate candidate : removed) {
            next.change(candidate, copied, false);
        }
        for (RouteCandidate candidate : added) {
            next.change(candidate, copied, true);
        }
        return next;
    }

    /** Adds or removes one candidate by path copying, copying each host map once per patch. */
    private void change(RouteCandidate candidate, EnumSet<HostPattern.Kind> copied, boolean add) {
        if (candidate.hosts.length == 0) {
            anyHost = add ? anyHost.plus(candidate) : anyHost.minus(candidate);
            return;
        }
        HostPattern previous = null;
        for (HostPattern host : candidate.hosts) {
            if (previous != null && previous.name().equals(host.name()) && previous.kind() == host.kind()) {
                continue;
            }
            previous = host;
            if (copied.add(host.kind())) {
                switch (host.kind()) {
                    case EXACT -> exact = exact.copy();
                    case SUFFIX -> {
                        suffixes = suffixes.copy();
                        suffixLengths = (BitSet) suffixLengths.clone();
                    }
                    case PREFIX -> {
                        prefixes = prefixes.copy();
                        prefixLengths = (BitSet) prefixLengths.clone();
                    }
                }
            }
            HostMap map = switch (host.kind()) {
                case EXACT -> exact;
                case SUFFIX -> suffixes;
                case PREFIX -> prefixes;
            };
            PathIndex paths = map.get(host.name());
            if (add) {
                map.with(host.name(), paths == null ? new PathIndex().plus(candidate) : paths.plus(candidate));
                if (host.kind() != HostPattern.Kind.EXACT) {
                    (host.kind() == HostPattern.Kind.SUFFIX ? suffixLengths : prefixLengths)
                            .set(Math.min(host.name().length(), 256));
                }
            } else if (paths != null) {
                PathIndex left = paths.minus(candidate);
                if (left.isEmpty()) {
                    map.without(host.name());
                } else {
                    map.with(host.name(), left);
                }
            }
        }
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
            HostMap map = switch (host.kind()) {
                case EXACT -> exact;
                case SUFFIX -> suffixes;
                case PREFIX -> prefixes;
            };
            map.put(host.name()).add(candidate);
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
