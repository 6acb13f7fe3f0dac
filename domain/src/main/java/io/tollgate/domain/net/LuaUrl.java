package io.tollgate.domain.net;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A URL split the way Kong splits one (LuaSocket's {@code socket.url.parse}/{@code build}, used by Kong's
 * services' {@code url} shorthand and by its plugins): the {@code #fragment} is cut off first, then an optional
 * {@code scheme:}, an optional {@code //authority} (up to the next {@code /}), the path, {@code ?query} and
 * {@code ;params} (dropped); the authority's {@code userinfo@} and {@code :port} are split off and brackets are taken off an
 * IPv6 host. Nothing is decoded or lower-cased. {@code "example.test"} has no host (it is a path) and
 * {@code "foo.test:8000"} has the scheme {@code foo.test}, as in LuaSocket.
 *
 * @param scheme the scheme without {@code :}, or {@code null}
 * @param host the host, or {@code null} when there is no authority (or an empty one)
 * @param port the port text (possibly empty), or {@code null}
 * @param path the path, or {@code null} when empty
 * @param query the query without {@code ?} (possibly empty), or {@code null}
 */
public record LuaUrl(
        @Nullable String scheme,
        @Nullable String host,
        @Nullable String port,
        @Nullable String path,
        @Nullable String query) {

    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9+\\-.]*):");
    private static final Pattern AUTHORITY = Pattern.compile("^//([^/]*)");

    /** Splits {@code url} as LuaSocket does. */
    public static LuaUrl parse(String url) {
        int hash = url.indexOf('#');
        String rest = hash < 0 ? url : url.substring(0, hash);
        String scheme = null;
        Matcher m = SCHEME.matcher(rest);
        if (m.find()) {
            scheme = m.group(1);
            rest = rest.substring(m.end());
        }
        String authority = null;
        m = AUTHORITY.matcher(rest);
        if (m.find()) {
            authority = m.group(1);
            rest = rest.substring(m.end());
        }
        String query = null;
        int question = rest.indexOf('?');
        if (question >= 0) {
            query = rest.substring(question + 1);
            rest = rest.substring(0, question);
        }
        int semicolon = rest.indexOf(';');
        if (semicolon >= 0) {
            rest = rest.substring(0, semicolon); // LuaSocket's params: not used by the plugins
        }
        String path = rest.isEmpty() ? null : rest;
        String host = null;
        String port = null;
        if (authority != null) {
            int at = authority.indexOf('@');
            if (at >= 0) {
                authority = authority.substring(at + 1);
            }
            int colon = authority.lastIndexOf(':');
            if (colon >= 0 && authority.indexOf(']', colon) < 0) {
                port = authority.substring(colon + 1);
                authority = authority.substring(0, colon);
            }
            if (!authority.isEmpty()) {
                host = authority.startsWith("[") && authority.endsWith("]") && authority.length() > 2
                        ? authority.substring(1, authority.length() - 1)
                        : authority;
            }
        }
        return new LuaUrl(scheme, host, port, path, query);
    }

    /** LuaSocket's {@code build}: {@code scheme:} {@code //host:port} path {@code ?query}. */
    public String build() {
        StringBuilder out = new StringBuilder();
        if (scheme != null) {
            out.append(scheme).append(':');
        }
        if (host != null) {
            out.append("//").append(HostAddress.bracketed(host));
            if (port != null) {
                out.append(':').append(port);
            }
        }
        if (path != null) {
            out.append(path);
        }
        if (query != null) {
            out.append('?').append(query);
        }
        return out.toString();
    }
}
