package io.tollgate.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The check that goes with raw bytes in the request target. The plain listeners let Undertow's parser take any byte
 * but space, CR and LF ending the target as it would otherwise refuse (so that raw UTF-8 reads as nginx reads it, see
 * {@link HttpServer}), and that includes control characters, which nginx refuses with 400: a raw CR, TAB or NUL in the
 * query would otherwise reach the upstream's request line as it came. A target holding one (below 0x20, or DEL) is
 * refused with 400 and the connection closed: by the proxy's {@code RequestGuard} with Kong's body, by
 * {@link #refusingControlCharacters} on the Admin API's listeners.
 */
public final class RequestTargets {

    private RequestTargets() {}

    /**
     * @param target a request URI or query string as sent, or {@code null} for none
     * @return whether it holds a control character (below 0x20, or DEL)
     */
    public static boolean hasControlCharacter(@Nullable String target) {
        if (target == null) {
            return false;
        }
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                return true;
            }
        }
        return false;
    }

    /** {@code next}, answering a bare 400 and closing the connection for a request target with a control character. */
    static HttpHandler refusingControlCharacters(HttpHandler next) {
        return exchange -> {
            if (hasControlCharacter(exchange.getRequestURI()) || hasControlCharacter(exchange.getQueryString())) {
                refuse(exchange);
                return;
            }
            next.handleRequest(exchange);
        };
    }

    private static void refuse(HttpServerExchange exchange) {
        exchange.setPersistent(false);
        exchange.setStatusCode(400);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }
}
