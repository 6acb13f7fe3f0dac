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
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 *
 * <p>nginx's {@code client_body_timeout} ({@code nginx_http_client_body_timeout}): when no byte of the body arrives
 * for that long between two reads, the connection is closed without a response and the request logged with 408, as
 * nginx does. One timer per waiting body, re-armed for the remainder when bytes arrived meanwhile; it runs on the
 * connection's I/O thread, as the read listener does, and is cancelled when the read ends. A body streamed from
 * its first byte ({@code Expect: 100-continue}, {@code request_buffering} off) is timed by
 * {@link StreamedBodyTimeout}, and so is the rest of a body beyond the buffers, which streams. Malformed chunked
 * framing ({@link ChunkedRequestConduit}) read here ends in Kong's {@code 400 Bad request} and a closed connection, as
 * nginx answers {@code client sent invalid chunked body}; in the part of a body that streams, it closes the
 * connection (the upstream has the request already).
 */
final class RequestBuffer {

    static final int MAX_BUFFERS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(RequestBuffer.class);

    /** Thrown to {@link Then#failed} when the client stalled its body past {@code client_body_timeout}. */
    static final class BodyTimeoutException extends IOException {
        BodyTimeoutException(long ms) {
            super("client timed out: no request body byte for " + ms + " ms");
        }
    }

    /** What to do once the body is buffered. */
    interface Then {

        /**
         * The body is buffered.
         *
         * @param buffers the bytes read, each flipped for reading; the callee owns them
         * @param complete whether they are the whole body (else the rest is still on the connection)
         * @param inCall whether this runs inside the handler call that started the read (else in the read listener)
         */
        void buffered(PooledByteBuffer[] buffers, boolean complete, boolean inCall) throws Exception;

        /** The read failed: Kong's 413 was sent or the connection closed. The buffers were released. */
        default void failed(Exception cause) {}
    }

    private final HttpServerExchange exchange;
    private final Then then;
    private final StreamSourceChannel channel;
    private final PooledByteBuffer[] buffered = new PooledByteBuffer[MAX_BUFFERS];
    private final long limit;
    private final long timeoutNanos;
    private long lastReadNanos = System.nanoTime();
    private boolean timerArmed;
    private boolean finished;
    private org.xnio.XnioExecutor.@Nullable Key timer;
    private long total;
    private int count;
    private boolean complete;
    private @Nullable PooledByteBuffer current;

    private RequestBuffer(HttpServerExchange exchange, Then then, StreamSourceChannel channel) {
        this.exchange = exchange;
        this.then = then;
        this.channel = channel;
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        this.limit = view == null ? 0 : view.edge().settings.clientMaxBodySize();
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(bodyTimeoutMs(exchange));
        this.current = exchange.getConnection().getByteBufferPool().allocate();
    }

    /** Buffers the request body of {@code exchange} (when it has one), then runs {@code next}. */
    static void thenRun(HttpServerExchange exchange, HttpHandler next) throws Exception {
        if (exchange.isRequestComplete() || isWebSocket(exchange)) { // a WebSocket waits for its 101
            next.handleRequest(exchange);
            return;
        }
        if (HttpContinue.requiresContinueResponse(exchange.getRequestHeaders())) {
            StreamedBodyTimeout.apply(exchange); // streamed, so that the client waits for the upstream's answer
            next.handleRequest(exchange);
            return;
        }
        StreamSourceChannel channel = exchange.getRequestChannel(); // only the first call returns it
        if (channel == null) {
            next.handleRequest(exchange);
            return;
        }
        read(exchange, channel, (buffers, complete, inCall) -> {
            replay(exchange, buffers);
            if (!complete) {
                StreamedBodyTimeout.timeRest(exchange); // the rest, beyond the buffers, streams from the client
            }
            if (inCall) {
                next.handleRequest(exchange);
            } else {
                Connectors.executeRootHandler(next, exchange);
            }
        });
    }

    /**
     * Reads the body from {@code channel} (the exchange's request channel, taken by the caller) into at most
     * {@link #MAX_BUFFERS} pooled buffers without blocking, then calls {@code then}; over
     * {@code nginx_http_client_max_body_size} it sends Kong's 413 and calls {@link Then#failed}.
     */
    static void read(HttpServerExchange exchange, StreamSourceChannel channel, Then then) throws Exception {
        RequestBuffer buffer = new RequestBuffer(exchange, then, channel);
        if (buffer.read()) {
            then.buffered(buffer.taken(), buffer.complete, true);
        }
    }

    /** @return {@code nginx_http_client_body_timeout} of the exchange's edge rules, in ms */
    static long bodyTimeoutMs(HttpServerExchange exchange) {
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        return view == null ? 60_000 : view.edge().settings.clientBodyTimeoutMs();
    }

    /**
     * Whether the request asks for a WebSocket ({@code Upgrade: websocket}): its bytes follow the 101, so it has no
     * body to buffer. Other upgrades (the {@code h2c} that HTTP clients offer) are ignored, as upstream.
     */
    static boolean isWebSocket(HttpServerExchange exchange) {
        String upgrade = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
        return upgrade != null && upgrade.trim().equalsIgnoreCase("websocket");
    }

    /** Puts {@code buffers} back in front of the request body: the next reader of the request channel reads them. */
    static void replay(HttpServerExchange exchange, PooledByteBuffer... buffers) {
        if (buffers.length > 0) {
            Connectors.ungetRequestBytes(exchange, buffers);
        }
        RequestBodyBudget.replayed(exchange, buffers);
        Connectors.resetRequestChannel(exchange);
    }

    private PooledByteBuffer[] taken() {
        return java.util.Arrays.copyOf(buffered, count);
    }

    /** Reads what is available; @return true when done synchronously (then the caller calls {@code then}). */
    private boolean read() {
        try {
            while (true) {
                ByteBuffer b = current.getBuffer();
                int r = channel.read(b);
                if (r == -1) {
                    keepCurrent();
                    complete = true;
                    finish();
                    return true;
                }
                if (r > 0) {
                    total += r;
                    lastReadNanos = System.nanoTime();
                }
                if (limit > 0 && total > limit) {
                    throw new RequestTooBigException(); // Undertow's own limit misses some chunked bodies
                }
                if (r == 0) {
                    channel.getReadSetter().set(c -> {
                        if (read()) {
                            c.getReadSetter().set(null);
                            c.suspendReads();
                            try {
                                then.buffered(taken(), complete, false);
                            } catch (Exception e) {
                                IoUtils.safeClose(exchange.getConnection());
                            }
                        }
                    });
                    channel.resumeReads();
                    if (!timerArmed) {
                        timerArmed = true;
                        armTimer(timeoutNanos);
                    }
                    return false;
                }
                if (!b.hasRemaining()) {
                    keepCurrent();
                    if (count == MAX_BUFFERS) {
                        finish();
                        return true;
                    }
                    current = exchange.getConnection().getByteBufferPool().allocate();
                }
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
            return false;
        }
    }

    /** Ends the read: Kong's 413 when the response has not started, else a closed connection. */
    private void fail(Exception e) {
        finish();
        release();
        channel.getReadSetter().set(null);
        channel.suspendReads();
        exchange.setPersistent(false);
        if (e instanceof RequestTooBigException && !exchange.isResponseStarted()) {
            KongErrors.sendError(exchange, 413, KongErrors.TOO_LARGE);
        } else if (e instanceof ChunkedFraming.MalformedChunkException && !exchange.isResponseStarted()) {
            LOG.info("{}: answering 400", e.getMessage()); // nginx logs it at info too
            KongErrors.sendError(exchange, 400, KongErrors.BAD_REQUEST);
        } else {
            if (e instanceof BodyTimeoutException && !exchange.isResponseStarted()) {
                exchange.setStatusCode(408); // nginx logs 408 and sends nothing
            }
            IoUtils.safeClose(exchange.getConnection());
        }
        then.failed(e);
    }

    /** Checks the body's progress after {@code delayNanos} on the connection's I/O thread. */
    private void armTimer(long delayNanos) {
        timer = exchange.getIoThread().executeAfter(this::checkProgress, delayNanos, TimeUnit.NANOSECONDS);
    }

    /** The read is over: the timer, if any, is cancelled (it would keep the exchange for up to the timeout). */
    private void finish() {
        finished = true;
        org.xnio.XnioExecutor.Key key = timer;
        if (key != null) {
            key.remove();
        }
    }

    private void checkProgress() {
        if (finished) {
            return;
        }
        long idle = System.nanoTime() - lastReadNanos;
        if (idle < timeoutNanos) {
            armTimer(timeoutNanos - idle);
            return;
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(timeoutNanos);
        LOG.info("client timed out while sending the request body ({} ms without a byte): closing", ms);
        fail(new BodyTimeoutException(ms));
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

    private void release() {
        for (PooledByteBuffer b : buffered) {
            IoUtils.safeClose(b);
        }
        if (current != null) {
            IoUtils.safeClose(current);
        }
    }
}
