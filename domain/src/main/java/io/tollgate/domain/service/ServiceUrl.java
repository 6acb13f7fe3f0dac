package io.tollgate.domain.service;

import io.tollgate.domain.net.LuaUrl;
import java.util.HashMap;
import java.util.Map;
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

    private ServiceUrl() {}

    /** The fields {@code url} stands for: {@code protocol}, {@code host} (or null), {@code port}, {@code path}. */
    static Map<String, @Nullable Object> expand(String url) {
        LuaUrl parts = LuaUrl.parse(url);
        String scheme = parts.scheme();
        String port = parts.port();
        // Kong's tonumber: any digit string is a number (a huge one then fails the port's range check)
        Long number = port != null && port.matches("[0-9]{1,18}") ? Long.valueOf(port) : null;
        String protocol = scheme != null ? scheme : Long.valueOf(443).equals(number) ? "https" : "http";
        Object portValue = number != null ? number : port != null ? port : protocol.equals("https") ? 443L : 80L;
        Map<String, @Nullable Object> out = new HashMap<>();
        out.put("protocol", protocol);
        out.put("host", parts.host());
        out.put("port", portValue);
        out.put("path", parts.path());
        return out;
    }
}
