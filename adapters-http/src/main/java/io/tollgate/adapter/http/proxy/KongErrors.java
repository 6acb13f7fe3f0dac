package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.proxy.ProxyState.Failure;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.util.Map;

/**
 * Writes gateway-generated responses, and turns Undertow's own proxy failure responses (a bare 503 for every
 * connection problem, 504 for its timeouts) into Kong's (kong-internals §8.5): 502
 * {@code "An invalid response was received from the upstream server"} for refused or broken connections, 504
 * {@code "The upstream server is timing out"} for {@code connect_timeout}/{@code write_timeout}/{@code read_timeout},
 * 503 {@code "name resolution failed"} when a peer's host name does not resolve, and 503
 * {@code "failure to get a peer from the ring-balancer"} when the balancer has no peer.
 */
final class KongErrors {

    static final String BAD_GATEWAY = "An invalid response was received from the upstream server";
    static final String TIMED_OUT = "The upstream server is timing out";
    static final String UNEXPECTED = "An unexpected error occurred";
    static final String NO_PEER = "failure to get a peer from the ring-balancer";
    static final String NAME_RESOLUTION_FAILED = "name resolution failed";

    private KongErrors() {
    }

    /** Sends a generated response (with {@code Server: tollgate/<version>}) and ends the exchange. */
    static void send(HttpServerExchange exchange, Respond response) {
        exchange.setStatusCode(response.status());
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            exchange.getResponseHeaders().put(HttpString.tryFromString(header.getKey()), header.getValue());
        }
        if (!exchange.getResponseHeaders().contains(Headers.SERVER)) {
            exchange.getResponseHeaders().put(Headers.SERVER, ProxyState.PRODUCT);
        }
        exchange.getResponseSender().send(response.body());
    }

    /** The proxy's fallback when the balancer has no peer for the first try: Kong's 503. */
    static void noPeer(HttpServerExchange exchange) {
        send(exchange, Respond.message(503, NO_PEER));
    }

    /**
     * A default response listener: when the proxy ends an exchange that the upstream never answered, writes Kong's
     * status and body instead of Undertow's empty one.
     *
     * @return whether it wrote the response
     */
    static boolean rewriteFailure(HttpServerExchange exchange) {
        ProxyState state = ProxyState.of(exchange);
        if (exchange.isResponseStarted() || state == null || state.responded) {
            return false;
        }
        Failure failure = state.failure();
        int status = exchange.getStatusCode();
        Respond response;
        if (failure == Failure.DNS) {
            response = Respond.message(503, NAME_RESOLUTION_FAILED);
        } else if (failure == Failure.TIMEOUT || failure == null && status == 504) {
            response = Respond.message(504, TIMED_OUT);
        } else if (failure != null || status == 503) {
            response = Respond.message(502, BAD_GATEWAY);
        } else if (status >= 500) {
            response = Respond.message(500, UNEXPECTED);
        } else {
            return false;
        }
        send(exchange, response);
        return true;
    }
}
