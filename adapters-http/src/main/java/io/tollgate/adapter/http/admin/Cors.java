package io.tollgate.adapter.http.admin;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The Admin API's CORS headers, as Kong sets them for a browser admin GUI on another origin.
 *
 * <p>Without {@code admin_gui_url}: {@code Access-Control-Allow-Origin} is the request's {@code Origin}, or
 * {@code *} without one. With {@code admin_gui_url} (comma-separated URLs, Kong's semantics): each URL's origin
 * ({@code scheme://host[:port]}, any path dropped) is allowed; a request from one of them gets its own origin back,
 * any other request the first configured origin (so the browser refuses it), with {@code Vary: Origin}.
 * {@code Access-Control-Allow-Credentials: true} accompanies every origin but {@code *}.
 *
 * <p>With {@code admin_auth} on (Tollgate's), only the {@code admin_gui_url} origins are allowed: without
 * {@code admin_gui_url} no {@code Access-Control-Allow-Origin} is sent at all, so browsers allow no cross-origin
 * reading of an authenticated Admin API; with it, as above.
 *
 * <p>A preflight ({@code OPTIONS} with {@code Origin} and {@code Access-Control-Request-Method}) answers 200 with
 * {@code Access-Control-Allow-Methods} ({@code GET,PUT,PATCH,DELETE,POST}), {@code Access-Control-Allow-Headers}
 * (the requested headers, else {@code Content-Type}) and {@code Access-Control-Max-Age} (3600 s), as Kong's CORS
 * plugin does for the Admin API. Any other {@code OPTIONS} answers 204 with {@code Allow} and
 * {@code Access-Control-Allow-Methods} (the endpoint's methods) and {@code Access-Control-Allow-Headers} as above.
 */
final class Cors {

    static final String METHODS = "GET,PUT,PATCH,DELETE,POST";
    static final String MAX_AGE_SECONDS = "3600";
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_CREDENTIALS = new HttpString("Access-Control-Allow-Credentials");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");
    private static final HttpString REQUEST_HEADERS = new HttpString("Access-Control-Request-Headers");

    private final List<String> origins;
    private final boolean configuredOnly;

    /**
     * As {@link #Cors(List, boolean)} with {@code admin_auth} off.
     *
     * @throws IllegalArgumentException for a URL without scheme or host
     */
    Cors(List<String> adminGuiUrls) {
        this(adminGuiUrls, false);
    }

    /**
     * @param adminGuiUrls the {@code admin_gui_url} URLs; empty when unset
     * @param configuredOnly whether only those origins may be allowed ({@code admin_auth} on), never an echo of any
     * @throws IllegalArgumentException for a URL without scheme or host
     */
    Cors(List<String> adminGuiUrls, boolean configuredOnly) {
        this.configuredOnly = configuredOnly;
        List<String> parsed = new ArrayList<>();
        for (String url : adminGuiUrls) {
            parsed.add(origin(url));
        }
        this.origins = List.copyOf(parsed);
    }

    /** {@code scheme://host[:port]} of a URL, lower-cased scheme and host. */
    static String origin(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("admin_gui_url: invalid URL '" + url + "'", e);
        }
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("admin_gui_url: '" + url + "' needs a scheme and a host");
        }
        String origin =
                uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getPort() < 0 ? origin : origin + ":" + uri.getPort();
    }

    /** Sets the CORS response headers for this request. */
    void apply(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        HeaderMap headers = exchange.getResponseHeaders();
        if (configuredOnly && origins.isEmpty()) {
            return; // no origin is allowed
        }
        String allowed = allowedOrigin(origin);
        headers.put(ALLOW_ORIGIN, allowed);
        if (!allowed.equals("*")) {
            headers.put(ALLOW_CREDENTIALS, "true");
        }
        if (!origins.isEmpty()) {
            headers.put(Headers.VARY, "Origin");
        }
    }

    /** Whether the request is a CORS preflight. */
    static boolean isPreflight(HttpServerExchange exchange) {
        return exchange.getRequestMethod().toString().equals("OPTIONS")
                && exchange.getRequestHeaders().contains(Headers.ORIGIN)
                && exchange.getRequestHeaders().contains(REQUEST_METHOD);
    }

    /** Answers a preflight (after {@link #apply}): 200 with the allowed methods and headers. */
    static void preflight(HttpServerExchange exchange) {
        allowHeaders(exchange);
        exchange.getResponseHeaders().put(ALLOW_METHODS, METHODS).put(MAX_AGE, MAX_AGE_SECONDS);
        Responses.empty(exchange, 200);
    }

    /**
     * Sets {@code Access-Control-Allow-Headers} as Kong answers any {@code OPTIONS}: the request's
     * {@code Access-Control-Request-Headers}, else {@code Content-Type}.
     */
    static void allowHeaders(HttpServerExchange exchange) {
        String requested = exchange.getRequestHeaders().getFirst(REQUEST_HEADERS);
        exchange.getResponseHeaders()
                .put(ALLOW_HEADERS, requested == null || requested.isBlank() ? "Content-Type" : requested);
    }

    private String allowedOrigin(@Nullable String origin) {
        if (origins.isEmpty()) {
            return origin == null ? "*" : origin;
        }
        return origin != null && origins.contains(origin) ? origin : origins.get(0);
    }
}
