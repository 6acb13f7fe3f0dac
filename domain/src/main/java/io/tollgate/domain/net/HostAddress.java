package io.tollgate.domain.net;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jmolecules.ddd.annotation.ValueObject;
import org.jspecify.annotations.Nullable;

/**
 * A {@code host[:port]} text as Kong's {@code normalize_ip} reads it: a host name, an IPv4 literal or an IPv6 literal
 * (bare {@code ::1}, or bracketed {@code [::1]} when a port follows), with an optional port 0–65535. Pure parsing,
 * never a DNS lookup.
 *
 * @param host the host name, IPv4 literal, or IPv6 literal without brackets, as written
 * @param port the port, or {@code null} when the text has none
 */
@ValueObject
public record HostAddress(Type type, String host, @Nullable Integer port) {

    /** What the host part is. */
    public enum Type {
        NAME,
        IPV4,
        IPV6
    }

    private static final Pattern DIGITS_AND_DOTS = Pattern.compile("[0-9.]+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");

    public HostAddress {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(host, "host");
    }

    /** Parses {@code text}; empty when it is neither a valid host name nor an IP literal, or the port is invalid. */
    public static Optional<HostAddress> parse(String text) {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            String rest = text.substring(close + 1);
            Integer port = null;
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":") || (port = port(rest.substring(1))) == null) {
                    return Optional.empty();
                }
            }
            String v6 = text.substring(1, close);
            return isIpv6(v6) ? Optional.of(new HostAddress(Type.IPV6, v6, port)) : Optional.empty();
        }
        if (text.indexOf(':') != text.lastIndexOf(':')) {
            return isIpv6(text) ? Optional.of(new HostAddress(Type.IPV6, text, null)) : Optional.empty();
        }
        String host = text;
        Integer port = null;
        int colon = text.indexOf(':');
        if (colon >= 0) {
            host = text.substring(0, colon);
            port = port(text.substring(colon + 1));
            if (port == null) {
                return Optional.empty();
            }
        }
        if (DIGITS_AND_DOTS.matcher(host).matches()) {
            return isIpv4(host) ? Optional.of(new HostAddress(Type.IPV4, host, port)) : Optional.empty();
        }
        return isName(host) ? Optional.of(new HostAddress(Type.NAME, host, port)) : Optional.empty();
    }

    /** {@code host:port} with {@code defaultPort} when this address has none; IPv6 in brackets ({@code [::1]:8000}). */
    public String format(int defaultPort) {
        return bracketed(host) + ":" + (port == null ? defaultPort : port);
    }

    /**
     * {@code host} as it stands before {@code :port} in a URL or a {@code Host} header: an IPv6 literal (any text with
     * a colon) in brackets unless it already has them ({@code ::1} is {@code [::1]}); a name or IPv4 literal unchanged.
     */
    public static String bracketed(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    /**
     * Kong's upstream {@code Host} value: the {@link #bracketed} host, plus {@code :port} unless {@code port} is the
     * scheme's {@code defaultPort} ({@code example.com}, {@code example.com:8080}, {@code [::1]:8080}).
     */
    public static String authority(String host, int port, int defaultPort) {
        return port == defaultPort ? bracketed(host) : bracketed(host) + ":" + port;
    }

    /**
     * The port a service's {@code Host} header leaves out for {@code scheme}, as Kong's {@code set_host_header} does:
     * 443 for {@code https} and {@code grpcs}, 80 for any other scheme ({@code http}, {@code grpc}).
     */
    public static int defaultPort(String scheme) {
        return "https".equals(scheme) || "grpcs".equals(scheme) ? 443 : 80;
    }

    private static @Nullable Integer port(String text) {
        if (!PORT.matcher(text).matches()) {
            return null;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : null;
    }

    private static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /** Labels of letters, digits, {@code _} and {@code -}, none empty, none starting or ending with {@code -}. */
    private static boolean isName(String text) {
        if (text.isEmpty() || text.length() > 253 || !NAME.matcher(text).matches()) {
            return false;
        }
        for (String label : text.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
        }
        return true;
    }

    /** Eight hex groups, or fewer around one {@code ::}; a trailing IPv4 literal counts as two groups. */
    static boolean isIpv6(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
        String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
        String[] parts = {head, tail};
        int groups = 0;
        for (int p = 0; p < parts.length; p++) {
            if (parts[p].isEmpty()) {
                continue;
            }
            boolean endsTheAddress = doubleColon < 0 || p == 1;
            String[] pieces = parts[p].split(":", -1);
            for (int i = 0; i < pieces.length; i++) {
                if (endsTheAddress && i == pieces.length - 1 && pieces[i].contains(".")) {
                    if (!isIpv4(pieces[i])) {
                        return false;
                    }
                    groups += 2;
                } else if (HEX_GROUP.matcher(pieces[i]).matches()) {
                    groups++;
                } else {
                    return false;
                }
            }
        }
        return doubleColon >= 0 ? groups <= 7 : groups == 8;
    }
}
