package io.tollgate.adapter.http.proxy;

import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * nginx's {@code client_body_timeout} ({@code nginx_http_client_body_timeout}) for a request body streamed to the
 * upstream from its first byte ({@code request_buffering} off, {@code Expect: 100-continue}) or beyond the first MiB
 * the proxy buffers: while the proxy waits
 * for the client's bytes (reads resumed), a client that sends none for that long is disconnected without a response,
 * and the upstream connection, which waits for the rest of the body, is closed too. While reads are suspended (the
 * upstream is not taking bytes) the clock does not run. One timer per streamed body on the connection's I/O thread
 * (where the reads run), re-armed for the remainder, cancelled when the body ends.
 */
final class StreamedBodyTimeout extends AbstractStreamSourceConduit<StreamSourceConduit> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamedBodyTimeout.class);

    private final HttpServerExchange exchange;
    private final long timeoutNanos;
    private long lastProgressNanos = System.nanoTime();
    private boolean armed;
    private boolean ended;
    private XnioExecutor.@Nullable Key timer;

    private StreamedBodyTimeout(StreamSourceConduit next, HttpServerExchange exchange, long timeoutMs) {
        super(next);
        this.exchange = exchange;
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    /**
     * Times the body of {@code exchange} when it has one still to read and its request channel was not taken yet
     * (the plugins did not read the body); else does nothing.
     */
    static void apply(HttpServerExchange exchange) {
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        if (exchange.isRequestComplete() || view == null || view.bodyTaken()) {
            return;
        }
        long timeoutMs = view.edge().settings.clientBodyTimeoutMs();
        exchange.addRequestWrapper((factory, ex) -> new StreamedBodyTimeout(factory.create(), ex, timeoutMs));
    }

    /**
     * Times the rest of the body of {@code exchange} after its first bytes were buffered and put back for the upstream
     * ({@link RequestBuffer}): the request channel was taken already, so the timer goes on the request's source
     * conduit ({@link RequestSource}), above this request's framing, on HTTP/1.1 and HTTP/2 alike (on HTTP/2 the
     * timeout resets the stream, not the connection). Does nothing outside a proxied exchange.
     */
    static void timeRest(HttpServerExchange exchange) {
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        ConduitStreamSourceChannel source = view == null ? null : RequestSource.of(exchange);
        if (source == null) {
            return;
        }
        source.setConduit(new StreamedBodyTimeout(
                source.getConduit(), exchange, view.edge().settings.clientBodyTimeoutMs()));
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return (int) progressed(next.read(dst));
        } catch (IOException | RuntimeException e) {
            broken(e);
            throw e;
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        try {
            return progressed(next.read(dsts, offs, len));
        } catch (IOException | RuntimeException e) {
            broken(e);
            throw e;
        }
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        try {
            return progressed(next.transferTo(position, count, target));
        } catch (IOException | RuntimeException e) {
            broken(e);
            throw e;
        }
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        try {
            long n = next.transferTo(count, throughBuffer, target);
            progressed(n == 0 && throughBuffer.hasRemaining() ? 1 : n); // bytes left in the buffer were read too
            return n;
        } catch (IOException | RuntimeException e) {
            broken(e);
            throw e;
        }
    }

    /**
     * The client's body broke off (an HTTP/2 stream reset, a connection gone): the upstream request is cut mid-body
     * too, so that the proxy's close of it does not end the body as if it were whole.
     */
    private void broken(Exception e) {
        if (!ended) {
            LOG.info("the client broke off the request body ({}): cutting the upstream request", e.toString());
        }
        end();
        ProxyState.cutUpstream(exchange);
    }

    @Override
    public void resumeReads() {
        next.resumeReads();
        if (!armed && !ended) {
            armed = true;
            arm(timeoutNanos);
        }
    }

    @Override
    public void terminateReads() throws IOException {
        end();
        next.terminateReads();
    }

    private long progressed(long n) {
        if (n == -1) {
            end();
        } else if (n > 0) {
            lastProgressNanos = System.nanoTime();
        }
        return n;
    }

    private void end() {
        ended = true;
        XnioExecutor.Key key = timer;
        if (key != null) {
            key.remove();
        }
    }

    private void arm(long delayNanos) {
        timer = exchange.getIoThread().executeAfter(this::check, delayNanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (ended || exchange.isRequestComplete() || !exchange.getConnection().isOpen()) {
            return;
        }
        long now = System.nanoTime();
        if (!next.isReadResumed()) {
            lastProgressNanos = now; // not waiting for the client: the clock does not run
        }
        long idle = now - lastProgressNanos;
        if (idle < timeoutNanos) {
            arm(timeoutNanos - idle);
            return;
        }
        ended = true;
        LOG.info(
                "client timed out while sending the request body ({} ms without a byte): closing",
                TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        if (!exchange.isResponseStarted()) {
            exchange.setStatusCode(408); // nginx logs 408 and sends nothing
        }
        IoUtils.safeClose(exchange.getConnection());
        // the upstream waits for the rest of the body: end it too, as nginx, mid-body (a graceful close would end a
        // chunked body with its last chunk, and the upstream would take the truncated body for a whole one)
        ProxyState.cutUpstream(exchange);
    }
}
