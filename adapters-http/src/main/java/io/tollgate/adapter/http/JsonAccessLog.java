package io.tollgate.adapter.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log handler of {@code access_log_format = json}: when an exchange completes (its response sent), copies
 * what the line shows into an {@link AccessLogEntry} on the I/O thread and hands it to the writer, which encodes it
 * elsewhere ({@link AccessLogJson}). On the proxy the client address, request id, latencies, route, service and
 * consumer come from the proxy's {@link ProxiedRequest}.
 */
final class JsonAccessLog implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(JsonAccessLog.class);
    private static final HttpString REQUEST_ID = new HttpString("X-Kong-Request-Id");

    private final HttpHandler next;
    private final AccessLogWriter log;

    JsonAccessLog(HttpHandler next, AccessLogWriter log) {
        this.next = next;
        this.log = log;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        long started = System.nanoTime();
        exchange.addExchangeCompleteListener((done, then) -> {
            try {
                log.write(entry(done, started, System.currentTimeMillis(), System.nanoTime()));
            } catch (RuntimeException e) {
                LOG.warn("an access log entry could not be written", e);
            } finally {
                then.proceed();
            }
        });
        next.handleRequest(exchange);
    }

    /** The entry of a completed exchange that arrived at {@code startedNanos} and ended at {@code nowNanos}. */
    static AccessLogEntry entry(HttpServerExchange exchange, long startedNanos, long nowMillis, long nowNanos) {
        long requestMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - startedNanos);
        HeaderMap in = exchange.getRequestHeaders();
        String query = exchange.getQueryString();
        ProxiedRequest proxied = exchange.getAttachment(ProxiedRequest.KEY);
        long upstreamMs = -1;
        long kongMs = -1;
        if (proxied != null) {
            upstreamMs = proxied.upstreamWaitMs();
            long head = proxied.upstreamHeadNanos();
            long receiveMs = head == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(nowNanos - head);
            kongMs = Math.max(0, requestMs - Math.max(upstreamMs, 0) - receiveMs);
        }
        var route = proxied == null ? null : proxied.route();
        var service = proxied == null ? null : proxied.service();
        var consumer = proxied == null ? null : proxied.consumer();
        return new AccessLogEntry(
                nowMillis,
                proxied == null ? sourceAddress(exchange) : proxied.clientAddress(),
                exchange.getRequestMethod().toString(),
                exchange.getRequestURI(),
                query == null || query.isEmpty() ? null : query,
                exchange.getProtocol().toString(),
                exchange.getStatusCode(),
                exchange.getResponseBytesSent(),
                in.getFirst(Headers.REFERER),
                in.getFirst(Headers.USER_AGENT),
                requestMs,
                upstreamMs,
                kongMs,
                proxied == null ? exchange.getResponseHeaders().getFirst(REQUEST_ID) : proxied.requestId(),
                route == null ? null : route.id().value(),
                route == null ? null : route.name(),
                service == null ? null : service.uuid(),
                service == null ? null : service.name(),
                consumer == null ? null : consumer.id().value());
    }

    private static String sourceAddress(HttpServerExchange exchange) {
        @Nullable InetSocketAddress source = exchange.getSourceAddress();
        if (source == null) {
            return "-";
        }
        return source.getAddress() == null
                ? source.getHostString()
                : source.getAddress().getHostAddress();
    }
}
