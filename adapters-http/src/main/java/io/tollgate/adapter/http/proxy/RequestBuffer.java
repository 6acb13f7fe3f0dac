package io.tollgate.adapter.http.proxy;

import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpContinue;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSourceChannel;

/**
 * Kong's {@code request_buffering = true}: reads the request body before the upstream is contacted, without
 * blocking (it waits for the bytes on the I/O thread's selector), then hands the exchange to the proxy, which
 * replays the buffered bytes. Buffering is bounded: at most {@link #MAX_BUFFERS} pooled buffers (1 MiB with
 * Undertow's 16 KiB buffers) are held; the rest of a larger body is streamed (nginx would spill it to a temporary
 * file instead). A request with {@code Expect: 100-continue} is streamed, so the client waits for the upstream's
 * answer; so is an upgrade request (WebSocket). A body over {@code nginx_http_client_max_body_size} ends in
 * Kong's 413 and a closed connection (when streamed, a chunked body over the limit is cut by Undertow's
 * entity-size limit, where it applies, and the connection closed).
 */
final class RequestBuffer {

    static final int MAX_BUFFERS = 64;

    private final HttpServerExchange exchange;
    private final HttpHandler next;
    private final StreamSourceChannel channel;
    private final PooledByteBuffer[] buffered = new PooledByteBuffer[MAX_BUFFERS];
    private final long limit;
    private long total;
    private int count;
    private @Nullable PooledByteBuffer current;

    private RequestBuffer(HttpServerExchange exchange, HttpHandler next, StreamSourceChannel channel) {
        this.exchange = exchange;
        this.next = next;
        this.channel = channel;
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        this.limit = view == null ? 0 : view.edge().settings.clientMaxBodySize();
        this.current = exchange.getConnection().getByteBufferPool().allocate();
    }

    /** Buffers the request body of {@code exchange} (when it has one), then runs {@code next}. */
    static void thenRun(HttpServerExchange exchange, HttpHandler next) throws Exception {
        if (exchange.isRequestComplete()
                || HttpContinue.requiresContinueResponse(exchange.getRequestHeaders())
                || exchange.getRequestHeaders().contains(Headers.UPGRADE)) { // a WebSocket waits for its 101
            next.handleRequest(exchange);
            return;
        }
        StreamSourceChannel channel = exchange.getRequestChannel(); // only the first call returns it
        if (channel == null) {
            next.handleRequest(exchange);
            return;
        }
        RequestBuffer buffer = new RequestBuffer(exchange, next, channel);
        if (buffer.read()) {
            next.handleRequest(exchange);
        }
    }

    /** Reads what is available; @return true when done synchronously (then the caller runs {@code next}). */
    private boolean read() {
        try {
            while (true) {
                ByteBuffer b = current.getBuffer();
                int r = channel.read(b);
                if (r == -1) {
                    keepCurrent();
                    replay();
                    return true;
                }
                total += Math.max(r, 0);
                if (limit > 0 && total > limit) {
                    throw new RequestTooBigException(); // Undertow's own limit misses some chunked bodies
                }
                if (r == 0) {
                    channel.getReadSetter().set(c -> {
                        if (read()) {
                            c.getReadSetter().set(null);
                            c.suspendReads();
                            Connectors.executeRootHandler(next, exchange);
                        }
                    });
                    channel.resumeReads();
                    return false;
                }
                if (!b.hasRemaining()) {
                    keepCurrent();
                    if (count == MAX_BUFFERS) {
                        replay();
                        return true;
                    }
                    current = exchange.getConnection().getByteBufferPool().allocate();
                }
            }
        } catch (IOException | RuntimeException e) {
            release();
            channel.getReadSetter().set(null);
            channel.suspendReads();
            exchange.setPersistent(false);
            if (e instanceof RequestTooBigException && !exchange.isResponseStarted()) {
                KongErrors.sendError(exchange, 413, KongErrors.TOO_LARGE);
            } else {
                IoUtils.safeClose(exchange.getConnection());
            }
            return false;
        }
    }

    private void keepCurrent() {
        ByteBuffer b = current.getBuffer();
        if (b.position() == 0) {
            current.close();
        } else {
            b.flip();
            buffered[count++] = current;
        }
        current = null;
    }

    private void replay() {
        Connectors.ungetRequestBytes(exchange, buffered);
        Connectors.resetRequestChannel(exchange);
    }

    private void release() {
        for (PooledByteBuffer b : buffered) {
            IoUtils.safeClose(b);
        }
        if (current != null) {
            IoUtils.safeClose(current);
        }
    }
}
