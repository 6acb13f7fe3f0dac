package io.tollgate.adapter.http.admin;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Keeps web pages the operator happens to open from driving the Admin API (beyond Kong, which answers them): a
 * state-changing request ({@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}) that a browser marks as coming
 * from another site is refused with 403 (cross-site request forgery), and a request whose {@code Host} names a domain
 * the Admin API does not answer to is refused with 421 (DNS rebinding).
 *
 * <p>Cross-site: with {@code admin_gui_url} set, an {@code Origin} that is not one of its origins; without it, a
 * request with {@code Sec-Fetch-Site: cross-site}, or whose {@code Origin} host is neither a loopback name nor the
 * request's own host. Scripts and tools (curl, decK) send neither header and are not affected; Kong Manager on the same
 * host (another port) or on an {@code admin_gui_url} origin is not either.
 *
 * <p>Hosts answered: IP literals (a rebinding attack needs a domain name), {@code localhost} and
 * {@code *.localhost}, this machine's host name, and {@code admin_allowed_hosts} (Tollgate's property, comma
 * separated). A request without {@code Host} (HTTP/1.0) is answered.
 */
final class BrowserGuard {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final HttpString SEC_FETCH_SITE = new HttpString("Sec-Fetch-Site");

    private final List<String> guiOrigins;
    private final Set<String> hosts;

    /**
     * @param guiOrigins the origins of {@code admin_gui_url} ({@code scheme://host[:port]}); empty when unset
     * @param allowedHosts extra host names to answer (lower case, no port)
     * @param machineName this machine's host name, or {@code null}
     */
    BrowserGuard(List<String> guiOrigins, List<String> allowedHosts, @Nullable String machineName) {
        this.guiOrigins = List.copyOf(guiOrigins);
        this.hosts = allowedHosts.stream()
                .map(h -> h.trim().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty())
                .collect(Collectors.toCollection(java.util.HashSet::new));
        if (machineName != null && !machineName.isBlank()) {
            this.hosts.add(machineName.toLowerCase(Locale.ROOT));
        }
    }

    /** Throws Kong-shaped errors for a request to refuse; returns normally otherwise. */
    void check(HttpServerExchange exchange) {
        String host = hostName(exchange.getRequestHeaders().getFirst(Headers.HOST));
        if (host != null && !answers(host)) {
            throw new ClientError(421, "Misdirected Request: this Admin API does not answer to '" + host + "'");
        }
        String method = exchange.getRequestMethod().toString();
        if (UNSAFE.contains(method) && crossSite(exchange, host)) {
            throw new ClientError(403, "Forbidden: cross-site requests cannot change the configuration");
        }
    }

    private boolean crossSite(HttpServerExchange exchange, @Nullable String host) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (!guiOrigins.isEmpty()) {
            return origin != null && !guiOrigins.contains(normalised(origin));
        }
        if ("cross-site".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(SEC_FETCH_SITE))) {
            return true;
        }
        if (origin == null || origin.equals("null")) {
            return origin != null; // an opaque origin (sandboxed frame, file://) is another site
        }
        String originHost = originHost(origin);
        return originHost == null || !(loopback(originHost) || originHost.equals(host));
    }

    private boolean answers(String host) {
        return isIpLiteral(host) || loopback(host) || hosts.contains(host);
    }

    private static boolean loopback(String host) {
        return host.equals("localhost")
                || host.endsWith(".localhost")
                || host.equals("127.0.0.1")
                || host.equals("[::1]")
                || host.equals("::1");
    }

    private static boolean isIpLiteral(String host) {
        if (host.startsWith("[")) {
            return true; // bracketed IPv6
        }
        if (host.isEmpty() || !Character.isDigit(host.charAt(host.length() - 1))) {
            return false; // a domain name ends with a letter (its top-level label)
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!Character.isDigit(c) && c != '.') {
                return false;
            }
        }
        return true;
    }

    /** The host of a {@code Host} header, lower case, without port; {@code null} when absent or empty. */
    static @Nullable String hostName(@Nullable String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end < 0 ? value : value.substring(0, end + 1);
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    private static @Nullable String originHost(String origin) {
        try {
            String host = URI.create(origin.trim()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String normalised(String origin) {
        try {
            return Cors.origin(origin);
        } catch (IllegalArgumentException e) {
            return origin;
        }
    }
}
