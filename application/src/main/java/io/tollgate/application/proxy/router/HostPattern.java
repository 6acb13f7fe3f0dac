package io.tollgate.application.proxy.router;

import java.util.Locale;

/**
 * One entry of a route's {@code hosts}: exact ({@code example.com}), suffix wildcard ({@code *.example.com}), or
 * prefix wildcard ({@code example.*}), optionally with {@code :port}, which then also requires the destination port.
 *
 * @param name the lower-case host; for wildcards the part without {@code *} (e.g. {@code .example.com})
 * @param port the required port, or -1 for any
 */
record HostPattern(String name, int port, Kind kind) {

    enum Kind { EXACT, SUFFIX, PREFIX }

    static HostPattern parse(String raw) {
        String host = raw.toLowerCase(Locale.ROOT);
        int port = -1;
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon && colon < host.length() - 1) {
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

    boolean matches(String host, int requestPort) {
        if (port >= 0 && port != requestPort) {
            return false;
        }
        return switch (kind) {
            case EXACT -> host.equals(name);
            case SUFFIX -> host.endsWith(name) && host.length() > name.length();
            case PREFIX -> host.startsWith(name) && host.length() > name.length();
        };
    }
}
