package io.tollgate.application.plugin.bundled;

import io.tollgate.domain.net.LuaUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The {@code origins} of one {@code cors} instance, compiled once, and Kong's origin matching (kong-internals §9.3,
 * {@code spec/03-plugins/13-cors}):
 *
 * <ul>
 *   <li>none, or just {@code *}: every origin ({@code Access-Control-Allow-Origin: *});
 *   <li>a single entry of only {@code A-Za-z0-9.:/-}: sent as configured, whatever the request's origin;
 *   <li>otherwise each entry is a literal (only those characters) compared with the normalized request origin
 *       ({@code scheme://host[:port]}, default ports dropped), or a regex anchored at both ends and matched against
 *       the origin's host when the entry has no {@code :}, else against the normalized origin; a {@code *} entry
 *       allows every origin.
 * </ul>
 */
final class CorsOrigins {

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9.:/-]+");

    /** What {@link #match} decided. */
    sealed interface Verdict {}

    /** Every origin: {@code Access-Control-Allow-Origin: *}. */
    record AllowAll() implements Verdict {}

    /** This origin is allowed: send it. */
    record Allow(String origin) implements Verdict {}

    /** No origin matched: remove {@code Access-Control-Allow-Origin}. */
    record Refuse() implements Verdict {}

    private record Entry(@Nullable Pattern regex, @Nullable String domain, boolean byHost) {}

    private final boolean allowAll;
    private final @Nullable String single;
    private final boolean wildcard;
    private final List<Entry> entries;

    private CorsOrigins(boolean allowAll, @Nullable String single, boolean wildcard, List<Entry> entries) {
        this.allowAll = allowAll;
        this.single = single;
        this.wildcard = wildcard;
        this.entries = entries;
    }

    /** Compiles the configured origins (validated: {@code *} or a regex). */
    static CorsOrigins of(List<String> origins) {
        if (origins.isEmpty() || (origins.size() == 1 && origins.get(0).equals("*"))) {
            return new CorsOrigins(true, null, false, List.of());
        }
        if (origins.size() == 1 && LITERAL.matcher(origins.get(0)).matches()) {
            return new CorsOrigins(false, origins.get(0), false, List.of());
        }
        List<Entry> entries = new ArrayList<>();
        boolean wildcard = false;
        for (String entry : origins) {
            if (entry.equals("*")) {
                wildcard = true;
                continue;
            }
            boolean byHost = entry.indexOf(':') < 0;
            if (LITERAL.matcher(entry).matches()) {
                entries.add(new Entry(null, Origin.of(entry).domain(), byHost));
            } else {
                String regex = entry.endsWith("$") ? entry : entry + "$";
                if (regex.startsWith("^")) {
                    regex = regex.substring(1);
                }
                entries.add(new Entry(Pattern.compile(regex), null, byHost));
            }
        }
        return new CorsOrigins(false, null, wildcard, List.copyOf(entries));
    }

    /** Whether the headers do not depend on the request's origin ({@code *}): then no {@code Vary: Origin}. */
    boolean allowsAll() {
        return allowAll;
    }

    /** Kong's {@code configure_origin}: the verdict for a request with this {@code Origin} ({@code null}: none). */
    Verdict match(@Nullable String requestOrigin) {
        if (allowAll) {
            return new AllowAll();
        }
        if (single != null) {
            return new Allow(single);
        }
        if (requestOrigin == null) {
            return new Refuse();
        }
        if (wildcard) {
            return new AllowAll();
        }
        Origin origin = Origin.of(requestOrigin);
        for (Entry entry : entries) {
            boolean found = entry.regex() != null
                    ? entry.regex()
                            .matcher(entry.byHost() ? origin.host() : origin.domain())
                            .lookingAt()
                    : origin.domain().equals(entry.domain());
            if (found) {
                return new Allow(origin.domain());
            }
        }
        return new Refuse();
    }

    /** An origin normalized as Kong's cors plugin does: {@code scheme://host[:port]}, default ports dropped. */
    record Origin(String domain, String host) {
        static Origin of(String text) {
            LuaUrl url = LuaUrl.parse(text);
            String host = url.host();
            if (host == null) {
                return new Origin(text, text);
            }
            String port = url.port();
            String scheme = url.scheme();
            if (("http".equals(scheme) && "80".equals(port)) || ("https".equals(scheme) && "443".equals(port))) {
                port = null;
            }
            return new Origin((scheme == null ? "" : scheme + "://") + host + (port == null ? "" : ":" + port), host);
        }
    }
}
