package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.edge.ErrorTemplates;
import io.tollgate.adapter.http.edge.KongHeaders;
import io.tollgate.adapter.http.proxy.ProxyState.Failure;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Writes gateway-generated responses the way Kong does, and turns Undertow's own proxy failure responses (a bare 503
 * for every connection problem, 504 for its timeouts) into Kong's (kong-internals §8.5): 502
 * {@code "An invalid response was received from the upstream server"} for refused or broken connections, 504
 * {@code "The upstream server is timing out"} for {@code connect_timeout}/{@code write_timeout}/{@code read_timeout},
 * 503 {@code "name resolution failed"} when a peer's host name does not resolve, and 503
 * {@code "failure to get a peer from the ring-balancer"} when the balancer has no peer.
 *
 * <p>Two kinds of error, as in Kong: {@link #send} for the proxy's decisions ({@code kong.response.error} and
 * {@code kong.response.exit}: a {@code {"message":"…"}} body is rendered by {@code Accept}, JSON by default), and
 * {@link #sendError} for transport-level failures (Kong's nginx error handler: by {@code Accept}, else
 * {@code Content-Type}, else {@code error_default_type}). Both bodies carry the {@code request_id}; every generated
 * response gets {@code Server}, {@code X-Kong-Response-Latency} and {@code X-Kong-Request-Id} as the
 * {@code headers} property allows.
 */
final class KongErrors {

    static final String BAD_GATEWAY = "An invalid response was received from the upstream server";
    static final String TIMED_OUT = "The upstream server is timing out";
    static final String UNEXPECTED = "An unexpected error occurred";
    static final String NO_PEER = "failure to get a peer from the ring-balancer";
    static final String NAME_RESOLUTION_FAILED = "name resolution failed";
    static final String BAD_REQUEST = "Bad request";
    static final String TOO_LARGE = "Payload too large";
    static final String URI_TOO_LONG = "URI too long";
    static final String METHOD_NOT_ALLOWED = "Method not allowed";

    private KongErrors() {}

    /**
     * Sends a decision's response and ends the exchange. A bare {@link Respond#message} body is re-rendered for the
     * client's {@code Accept} with the request id (Kong's {@code kong.response.error}); other bodies go as they are.
     */
    static void send(HttpServerExchange exchange, Respond response) {
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        String message = view == null ? null : ErrorBodies.messageOf(response);
        exchange.setStatusCode(response.status());
        HeaderMap headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            headers.put(HeaderNames.of(header.getKey()), header.getValue());
        }
        for (Map.Entry<String, List<String>> header : response.extraHeaders().entrySet()) {
            headers.addAll(HeaderNames.of(header.getKey()), header.getValue());
        }
        byte[] raw = response.raw();
        if (raw != null) {
            // a response standing in for the upstream's (a cache hit): proxied latencies, the upstream's being 0
            finish(exchange, view, ByteBuffer.wrap(raw), response.proxied() ? System.nanoTime() : 0);
            return;
        }
        String body = response.body();
        if (message != null) {
            ErrorBodies.Rendered rendered = ErrorBodies.render(
                    ErrorBodies.mediaType(joined(exchange.getRequestHeaders().get(Headers.ACCEPT))),
                    message,
                    view.requestId(),
                    view.edge().settings.errorTemplates());
            headers.put(Headers.CONTENT_TYPE, rendered.contentType());
            body = rendered.body();
        }
        finish(exchange, view, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Sends a transport-level error (Kong's nginx error handler) and ends the exchange: the body's type is chosen
     * from {@code Accept}, else the request's {@code Content-Type}, else {@code error_default_type}.
     */
    static void sendError(HttpServerExchange exchange, int status, String message) {
        sendError(exchange, status, message, null);
    }

    /**
     * As {@link #sendError(HttpServerExchange, int, String)}; with {@code proxied} (the exchange's state once a peer
     * was tried), the response carries Kong's latencies of a proxied request ({@code X-Kong-Upstream-Latency},
     * {@code X-Kong-Proxy-Latency}) instead of {@code X-Kong-Response-Latency}, as Kong's error page after a failed
     * upstream does.
     */
    private static void sendError(
            HttpServerExchange exchange, int status, String message, @Nullable ProxyState proxied) {
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        HeaderMap request = exchange.getRequestHeaders();
        String accept = joined(request.get(Headers.ACCEPT));
        if (accept == null) {
            accept = request.getFirst(Headers.CONTENT_TYPE);
        }
        if (accept == null) {
            accept = view == null ? "text/plain" : view.edge().settings.errorDefaultType();
        }
        ErrorBodies.Rendered rendered = ErrorBodies.render(
                ErrorBodies.mediaType(accept),
                message,
                view == null ? ProxyEdge.newRequestId() : view.requestId(),
                view == null ? ErrorTemplates.NONE : view.edge().settings.errorTemplates());
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, rendered.contentType());
        long tried = proxied == null ? 0 : proxied.firstTryNanos();
        finish(exchange, view, ByteBuffer.wrap(rendered.body().getBytes(StandardCharsets.UTF_8)), tried);
    }

    private static void finish(HttpServerExchange exchange, @Nullable UndertowProxyExchange view, ByteBuffer body) {
        finish(exchange, view, body, 0);
    }

    /**
     * Sends {@code body} after the response headers Kong adds; {@code triedNanos} is when the upstream was first
     * tried ({@link System#nanoTime()}), or {@code 0} for a response generated without one.
     */
    private static void finish(
            HttpServerExchange exchange, @Nullable UndertowProxyExchange view, ByteBuffer body, long triedNanos) {
        HeaderMap headers = exchange.getResponseHeaders();
        KongHeaders flags = view == null ? KongHeaders.DEFAULTS : view.edge().headers;
        long tried = triedNanos;
        if (view != null && tried != 0) {
            long now = System.nanoTime();
            if (flags.upstreamLatency()) {
                headers.put(ProxyEdge.UPSTREAM_LATENCY, TimeUnit.NANOSECONDS.toMillis(now - tried));
            }
            if (flags.proxyLatency()) {
                headers.put(ProxyEdge.PROXY_LATENCY, TimeUnit.NANOSECONDS.toMillis(tried - view.startedNanos()));
            }
        } else if (view != null && flags.responseLatency()) {
            headers.put(
                    ProxyEdge.RESPONSE_LATENCY, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - view.startedNanos()));
        }
        if (view != null && flags.requestId()) {
            headers.put(ProxyEdge.REQUEST_ID, view.requestId());
        }
        if (view != null && view.headerFilter(exchange.getStatusCode(), headers)) {
            // the plugins' body_filter may change the body's length: stream it chunked, not with the sender's length
            headers.remove(Headers.CONTENT_LENGTH);
            headers.put(Headers.TRANSFER_ENCODING, "chunked");
        }
        // after the plugins, as Kong's: not over a Server a plugin set, nor when a plugin's Via names this proxy
        if (flags.server()
                && !headers.contains(Headers.SERVER)
                && !ProxyState.PRODUCT.equals(headers.getFirst(Headers.VIA))) {
            headers.put(Headers.SERVER, ProxyState.PRODUCT);
        }
        exchange.getResponseSender().send(body);
    }

    private static @Nullable String joined(@Nullable HeaderValues values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        return values.size() == 1 ? values.getFirst() : String.join(",", values);
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
        RequestBodyBudget.Limit refusal = RequestBodyBudget.refusal(exchange);
        if (refusal != null) {
            refusal.send(exchange); // the body passed its budget: the plugin's refusal or Kong's 413, not a 5xx
        } else if (failure == Failure.DNS) {
            send(exchange, Respond.message(503, NAME_RESOLUTION_FAILED));
        } else if (failure == Failure.TIMEOUT || failure == null && status == 504) {
            sendError(exchange, 504, TIMED_OUT, state);
        } else if (failure != null || status == 503) {
            sendError(exchange, 502, BAD_GATEWAY, state);
        } else if (status >= 500) {
            sendError(exchange, 500, UNEXPECTED, state);
        } else {
            return false;
        }
        return true;
    }
}
