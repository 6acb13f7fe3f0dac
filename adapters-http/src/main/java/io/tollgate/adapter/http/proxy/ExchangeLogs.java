package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ExchangeLog;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.SSLSessionInfo;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Measures a completed exchange for the plugins' {@code log} phase ({@link ExchangeLog}): sizes as nginx counts
 * them (request line, headers and body in; status line, headers and body out), the URL, the client's TLS, and the
 * upstream's status, tries and latencies from the exchange's {@link ProxyState}.
 */
final class ExchangeLogs {

    private ExchangeLogs() {}

    /**
     * @param view the proxy's view of the exchange
     * @param counted the response body bytes a {@link CountingConduit} saw, or -1 when none was added (the size then
     *     comes from {@code Content-Length})
     */
    static ExchangeLog of(HttpServerExchange exchange, UndertowProxyExchange view, long counted) {
        long now = System.nanoTime();
        Map<String, List<String>> sent = new LinkedHashMap<>();
        for (HeaderValues values : exchange.getResponseHeaders()) {
            sent.put(values.getHeaderName().toString(), List.copyOf(values));
        }
        ProxyState state = ProxyState.of(exchange);
        long head = state == null ? 0 : state.headNanos();
        long wait = head == 0 || state.sentNanos == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(head - state.sentNanos);
        return new ExchangeLog(
                view.requestId(),
                exchange.getStatusCode(),
                sent,
                requestSize(exchange),
                responseSize(exchange, counted),
                url(exchange, view),
                tls(exchange),
                state == null ? 0 : state.upstreamStatus(),
                state == null ? List.of() : state.triesLog(),
                wait,
                head == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(now - head),
                TimeUnit.NANOSECONDS.toMillis(now - view.startedNanos()));
    }

    private static long requestSize(HttpServerExchange exchange) {
        String query = exchange.getQueryString();
        long size = exchange.getRequestMethod().length()
                + 1
                + exchange.getRequestURI().length()
                + (query == null || query.isEmpty() ? 0 : query.length() + 1)
                + 1
                + exchange.getProtocol().length()
                + 2;
        size += headersSize(exchange.getRequestHeaders());
        return size + contentLength(exchange.getRequestHeaders());
    }

    private static long responseSize(HttpServerExchange exchange, long counted) {
        int status = exchange.getStatusCode();
        long size = exchange.getProtocol().length()
                + 1
                + 3
                + 1
                + StatusCodes.getReason(status).length()
                + 2;
        size += headersSize(exchange.getResponseHeaders());
        return size + (counted >= 0 ? counted : contentLength(exchange.getResponseHeaders()));
    }

    private static long headersSize(HeaderMap headers) {
        long size = 2; // the blank line
        for (HeaderValues values : headers) {
            int name = values.getHeaderName().length();
            for (String value : values) {
                size += name + 2 + value.length() + 2;
            }
        }
        return size;
    }

    private static long contentLength(HeaderMap headers) {
        String value = headers.getFirst(Headers.CONTENT_LENGTH);
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Kong's {@code request.url}: the port is the listener's ({@code $server_port}) through {@code port_maps}. */
    private static String url(HttpServerExchange exchange, UndertowProxyExchange view) {
        String query = exchange.getQueryString();
        return exchange.getRequestScheme() + "://" + exchange.getHostName() + ":" + view.mappedPort()
                + exchange.getRequestURI() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    private static ExchangeLog.@Nullable Tls tls(HttpServerExchange exchange) {
        SSLSessionInfo ssl = exchange.getConnection().getSslSessionInfo();
        if (ssl == null) {
            return null;
        }
        String version = ssl.getSSLSession() == null ? "" : ssl.getSSLSession().getProtocol();
        String verify;
        try {
            verify = ssl.getPeerCertificates().length > 0 ? "SUCCESS" : "NONE";
        } catch (Exception e) {
            verify = "NONE";
        }
        return new ExchangeLog.Tls(version, ssl.getCipherSuite(), verify);
    }
}
