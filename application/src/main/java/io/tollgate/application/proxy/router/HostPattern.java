package io.tollgate.application.proxy.router;

import java.util.Locale;

/**
 * One entry of a route's {@code hosts} or {@code snis} (kong-internals §8.1): exact ({@code example.com}), suffix
 * wildcard ({@code *.example.com}, Kong's postfix match on {@code .example.com}) or prefix wildcard
 * ({@code example.*}, prefix match on {@code example.}), optionally with {@code :port}, which then also requires the
 * destination port. Names are lower-cased and a trailing dot is ignored.
 *
 * @param name the lower-case host; for wildcards the part without {@code *} (e.g. {@code .example.com})
 * @param port the required destination port, or -1 for any
 */
record HostPattern(String name, int port, Kind kind) {

    enum Kind {
        EXACT,
        SUFFIX,
        PREFIX
    }

    /** Parses a validated {@code hosts}/{@code snis} entry (at most one {@code *}, leftmost or rightmost label). */
    static HostPattern parse(String raw) {
        String host = raw.toLowerCase(Locale.ROOT);
        int port = -1;
        int colon = host.lastIndexOf(':');
        boolean bracketed = host.startsWith("[");
        boolean hasPort =
                bracketed ? colon > 0 && host.charAt(colon - 1) == ']' : colon > 0 && host.indexOf(':') == colon;
        if (hasPort && colon < host.length() - 1) {
            port = Integer.parseInt(host.substring(colon + 1));
            host = host.substring(0, colon);
        }
        host = withoutTrailingDot(host);
        if (host.startsWith("*")) {
            return new HostPattern(host.substring(1), port, Kind.SUFFIX);
        }
        if (host.endsWith("*")) {
            return new HostPattern(host.substring(0, host.length() - 1), port, Kind.PREFIX);
        }
        return new HostPattern(host, port, Kind.EXACT);
    }

    static String withoutTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    boolean wildcard() {
        return kind != Kind.EXACT;
    }

    /**
     * @param host the request's lower-case host name without port and trailing dot
     * @param requestPort the destination port, checked only when this entry names one
     */
    boolean matches(String host, int requestPort) {
        if (port >= 0 && port != requestPort) {
            return false;
        }
        return switch (kind) {
            case EXACT -> host.equals(name);
            case SUFFIX -> host.length() > name.length() && host.endsWith(name);
            case PREFIX -> host.length() > name.length() && host.startsWith(name);
        };
    }
}
