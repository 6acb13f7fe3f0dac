package io.tollgate.application.plugin.bundled;

import io.tollgate.domain.net.UriPaths;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Location} of Kong's {@code redirect} with {@code keep_incoming_path}: Kong parses {@code location} as a
 * WHATWG URL, sets its path to the request's path and its query to the request's raw query, and sends the URL's
 * serialisation. So, as there: the scheme and a special scheme's host are lower-cased (an internationalised host in
 * its ASCII form), a scheme's default port is dropped ({@code http} 80, {@code https} 443, {@code ws} 80, {@code wss}
 * 443, {@code ftp} 21), the location's user info and {@code #fragment} are kept, an empty query leaves no {@code ?},
 * and characters a URL cannot carry raw are percent-encoded as UTF-8 (the WHATWG path, query and fragment sets).
 */
final class RedirectLocation {

    private static final Map<String, String> DEFAULT_PORTS =
            Map.of("http", "80", "https", "443", "ws", "80", "wss", "443", "ftp", "21");

    private RedirectLocation() {}

    /**
     * {@code location} with the request's path and query.
     *
     * @param location the plugin's {@code location} (it passed Kong's URL check: a scheme and a host)
     * @param path the request's path, starting with {@code /}
     * @param rawQuery the request's query as received, without {@code ?}; {@code null} or empty for none
     * @return the URL to send in {@code Location}
     */
    static String keepIncomingPath(String location, String path, @Nullable String rawQuery) {
        int hash = location.indexOf('#');
        String fragment = hash < 0 ? null : location.substring(hash + 1);
        String rest = hash < 0 ? location : location.substring(0, hash);
        int colon = rest.indexOf(':');
        if (colon <= 0) {
            return location; // not a URL with a scheme (Kong's check refuses those)
        }
        String scheme = rest.substring(0, colon).toLowerCase(Locale.ROOT);
        rest = rest.substring(colon + 1);
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        int end = authorityEnd(rest);
        String authority = rest.substring(0, end);
        int at = authority.lastIndexOf('@');
        String userInfo = at < 0 ? null : authority.substring(0, at);
        String hostPort = authority.substring(at + 1);
        int portColon = hostPort.lastIndexOf(':');
        if (portColon < hostPort.lastIndexOf(']')) {
            portColon = -1; // a colon inside an IPv6 literal
        }
        String host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
        String port = portColon < 0 ? "" : hostPort.substring(portColon + 1);
        boolean special = DEFAULT_PORTS.containsKey(scheme);
        StringBuilder url = new StringBuilder(location.length() + path.length() + 16);
        url.append(scheme).append("://");
        if (userInfo != null && !userInfo.isEmpty()) {
            url.append(userInfo).append('@');
        }
        url.append(special ? asciiHost(host) : host);
        if (!port.isEmpty() && !port.equals(DEFAULT_PORTS.get(scheme))) {
            url.append(':').append(port);
        }
        encode(path.startsWith("/") ? path : "/" + path, EncodeSet.PATH, url);
        if (rawQuery != null && !rawQuery.isEmpty()) {
            url.append('?');
            encode(rawQuery, special ? EncodeSet.SPECIAL_QUERY : EncodeSet.QUERY, url);
        }
        if (fragment != null) {
            url.append('#');
            encode(fragment, EncodeSet.FRAGMENT, url);
        }
        return url.toString();
    }

    private static int authorityEnd(String rest) {
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '/' || c == '?' || c == '\\') {
                return i;
            }
        }
        return rest.length();
    }

    private static String asciiHost(String host) {
        try {
            return IDN.toASCII(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return host.toLowerCase(Locale.ROOT);
        }
    }

    /** The WHATWG percent-encode sets used here, each on top of the C0 control set (controls, DEL, non-ASCII). */
    private enum EncodeSet {
        FRAGMENT(" \"<>`"),
        QUERY(" \"#<>"),
        SPECIAL_QUERY(" \"#<>'"),
        PATH(" \"#<>?`{}");

        private final String extra;

        EncodeSet(String extra) {
            this.extra = extra;
        }

        boolean encodes(int b) {
            return b < 0x20 || b > 0x7e || extra.indexOf(b) >= 0;
        }
    }

    private static void encode(String text, EncodeSet set, StringBuilder out) {
        for (byte signed : text.getBytes(StandardCharsets.UTF_8)) {
            int b = signed & 0xff;
            if (set.encodes(b)) {
                UriPaths.upperEscape(out, b);
            } else {
                out.append((char) b);
            }
        }
    }
}
