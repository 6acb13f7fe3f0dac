package io.tollgate.domain.service;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code url} shorthand of services: the URL is split the way Kong splits it (LuaSocket's {@code url.parse}:
 * {@code scheme:}, {@code //authority}, path, with {@code #fragment}, {@code ?query} and {@code ;params} dropped) and
 * its parts become {@code protocol}, {@code host}, {@code port} and {@code path} <em>without any check of their
 * own</em>: what is wrong shows as the error of the field it lands in, as in Kong ({@code invalid url} gives
 * {@code host: required field missing} and {@code path: should start with: /}; {@code ftp://h} gives
 * {@code protocol: expected one of: ...}; {@code http://h:x} gives {@code port: expected an integer}).
 *
 * <p>The protocol is the scheme as written, else {@code https} for port 443 and {@code http} otherwise; the port is
 * the URL's (a number when it is one, else the text as written), else 443 for {@code https} and 80 otherwise.
 */
final class ServiceUrl {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+\\-.]*):");
    private static final Pattern PORT = Pattern.compile(":([^:\\]]*)$");

    private ServiceUrl() {}

    /** The fields {@code url} stands for: {@code protocol}, {@code host} (or null), {@code port}, {@code path}. */
    static Map<String, @Nullable Object> expand(String url) {
        String rest = cut(url, '#');
        String scheme = null;
        Matcher m = SCHEME.matcher(rest);
        if (m.find()) {
            scheme = m.group(1);
            rest = rest.substring(m.end());
        }
        String authority = null;
        if (rest.startsWith("//")) {
            int slash = rest.indexOf('/', 2);
            authority = slash < 0 ? rest.substring(2) : rest.substring(2, slash);
            rest = slash < 0 ? "" : rest.substring(slash);
        }
        rest = cut(cut(rest, '?'), ';');
        String host = null;
        String port = null;
        if (authority != null) {
            int at = authority.indexOf('@');
            String hostPort = at < 0 ? authority : authority.substring(at + 1);
            Matcher p = PORT.matcher(hostPort);
            if (p.find()) {
                port = p.group(1);
                hostPort = hostPort.substring(0, p.start());
            }
            if (!hostPort.isEmpty()) {
                host = hostPort.startsWith("[") && hostPort.endsWith("]") && hostPort.length() > 2
                        ? hostPort.substring(1, hostPort.length() - 1)
                        : hostPort;
            }
        }
        // Kong's tonumber: any digit string is a number (a huge one then fails the port's range check)
        Long number = port != null && port.matches("[0-9]{1,18}") ? Long.valueOf(port) : null;
        String protocol = scheme != null ? scheme : Long.valueOf(443).equals(number) ? "https" : "http";
        Object portValue = number != null ? number : port != null ? port : protocol.equals("https") ? 443L : 80L;
        Map<String, @Nullable Object> out = new HashMap<>();
        out.put("protocol", protocol);
        out.put("host", host);
        out.put("port", portValue);
        out.put("path", rest.isEmpty() ? null : rest);
        return out;
    }

    private static String cut(String s, char at) {
        int i = s.indexOf(at);
        return i < 0 ? s : s.substring(0, i);
    }
}
