package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The exchange's request-body budget ({@link io.tollgate.application.port.in.ProxyExchange#limitBody}, set by a
 * plugin such as {@code request-size-limiting}, or {@code nginx_http_client_max_body_size} with Kong's 413 when that is
 * tighter), enforced as the body streams upstream: counts the body's bytes (after
 * chunked decoding) from the bytes already buffered for the upstream on, and fails the read that passes the budget
 * with {@link ExceededException} without handing over its bytes. The proxy's body transfer then closes the upstream
 * connection (the upstream never sees the end of the body) and, before the upstream's response started, ends the
 * exchange, which {@link KongErrors#rewriteFailure} answers with the plugin's refusal on a closing connection; after,
 * it closes the client's connection. Memory: one counter per budgeted exchange; nothing is buffered.
 *
 * <p>It sits on the request's source conduit ({@link RequestSource}) above this request's framing, on HTTP/1.1 and
 * HTTP/2 alike, as {@link StreamedBodyTimeout#timeRest} does.
 */
final class RequestBodyBudget extends AbstractStreamSourceConduit<StreamSourceConduit> {

    /**
     * A budget: at most {@code maxBytes} body bytes, else {@code refusal}, or, when that is {@code null}
     * ({@code nginx_http_client_max_body_size}), Kong's own 413 error in the edge's error body format.
     */
    record Limit(long maxBytes, @Nullable Respond refusal) {

        /** Answers the refusal on {@code exchange}. */
        void send(HttpServerExchange exchange) {
            if (refusal == null) {
                KongErrors.sendError(exchange, 413, KongErrors.TOO_LARGE);
            } else {
                KongErrors.send(exchange, refusal);
            }
        }
    }

    /** A read passed the exchange's budget; its bytes were not handed over. */
    static final class ExceededException extends IOException {
        ExceededException(long maxBytes) {
            super("request body larger than its budget of " + maxBytes + " bytes");
        }
    }

    /** Set on the exchange when its budget was exceeded: the refusal to answer. */
    private static final AttachmentKey<Limit> EXCEEDED = AttachmentKey.create(Limit.class);

    /** The body bytes the latest read-ahead put back in front of the request channel. */
    private static final AttachmentKey<Long> BUFFERED = AttachmentKey.create(Long.class);

    private final HttpServerExchange exchange;
    private final Limit limit;
    private long count;

    private RequestBodyBudget(StreamSourceConduit next, HttpServerExchange exchange, Limit limit, long buffered) {
        super(next);
        this.exchange = exchange;
        this.limit = limit;
        this.count = buffered;
    }

    /**
     * Enforces the budget of {@code exchange}, if the plugins set one, on the body still to be forwarded; call on the
     * I/O thread just before the proxy takes the request channel. When the bytes already buffered pass the budget,
     * sends the refusal (closing the connection when the body was not read to its end) instead.
     *
     * @return whether to go on forwarding ({@code false}: the refusal was sent)
     */
    static boolean apply(HttpServerExchange exchange) {
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        Limit limit = view == null ? null : tighter(view.bodyBudget(), view.edge().maxBodySize);
        if (limit == null || RequestBuffer.isWebSocket(exchange)) {
            return true;
        }
        if (exchange.isRequestComplete()) {
            return true; // read whole before forwarding: the plugins had it to measure
        }
        long buffered = buffered(exchange);
        if (buffered > limit.maxBytes()) {
            exchange.putAttachment(EXCEEDED, limit);
            exchange.setPersistent(false);
            limit.send(exchange);
            return false;
        }
        ConduitStreamSourceChannel source = RequestSource.of(exchange);
        if (source == null) {
            return true;
        }
        // make sure the request's conduits (framing, replay) are on the connection, then give the channel back
        StreamSourceChannel channel = exchange.getRequestChannel();
        if (channel == null) {
            return true; // taken and not given back: nobody will read the body through it
        }
        Connectors.resetRequestChannel(exchange);
        source.setConduit(new RequestBodyBudget(source.getConduit(), exchange, limit, buffered));
        return true;
    }

    /**
     * Records that the body passed {@code nginx_http_client_max_body_size} ({@code maxBytes}) where a reader below
     * this budget counted it ({@link ChunkedRequestConduit}), so that {@link KongErrors#rewriteFailure} answers Kong's
     * 413 rather than a 5xx; a budget exceeded before keeps its own refusal.
     */
    static void maxBodySizeExceeded(HttpServerExchange exchange, long maxBytes) {
        if (exchange.getAttachment(EXCEEDED) == null) {
            exchange.putAttachment(EXCEEDED, new Limit(maxBytes, null));
        }
    }

    /** The tighter of the plugins' budget and {@code nginx_http_client_max_body_size}'s; {@code null} for neither. */
    private static @Nullable Limit tighter(@Nullable Limit plugins, @Nullable Limit maxBodySize) {
        if (maxBodySize == null || plugins != null && plugins.maxBytes() <= maxBodySize.maxBytes()) {
            return plugins;
        }
        return maxBodySize;
    }

    /**
     * The exceeded budget, whose refusal ({@link Limit#send}) is to be answered, when the upstream's response has not
     * started; else {@code null}. The connection is then marked to close.
     */
    static @Nullable Limit refusal(HttpServerExchange exchange) {
        Limit limit = exchange.getAttachment(EXCEEDED);
        if (limit == null || exchange.isResponseStarted()) {
            return null;
        }
        exchange.setPersistent(false);
        return limit;
    }

    /** Whether the budget of {@code exchange} was exceeded (then no further try goes upstream). */
    static boolean exceeded(HttpServerExchange exchange) {
        return exchange.getAttachment(EXCEEDED) != null;
    }

    /**
     * Records {@code buffers} as the body bytes now put back in front of the request channel
     * ({@link RequestBuffer#replay}): each read-ahead takes back what the previous one put back before reading on, so
     * the latest is all the body read from the connection so far.
     */
    static void replayed(HttpServerExchange exchange, PooledByteBuffer[] buffers) {
        long total = 0;
        for (PooledByteBuffer b : buffers) {
            total += b.getBuffer().remaining();
        }
        exchange.putAttachment(BUFFERED, total);
    }

    /** The body bytes put back for the upstream by the latest read-ahead, 0 when none. */
    private static long buffered(HttpServerExchange exchange) {
        Long total = exchange.getAttachment(BUFFERED);
        return total == null ? 0 : total;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        return (int) counted(next.read(dst));
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        return counted(next.read(dsts, offs, len));
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return target.transferFrom(new ConduitReadableByteChannel(this), position, count); // counted by read
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return Conduits.transfer(this, count, throughBuffer, target); // counted by read
    }

    private long counted(long n) throws IOException {
        if (n > 0) {
            count += n;
            if (count > limit.maxBytes()) {
                exceeded();
            }
        }
        return n;
    }

    private void exceeded() throws ExceededException {
        if (exchange.getAttachment(EXCEEDED) == null) {
            exchange.putAttachment(EXCEEDED, limit);
            ProxyState.cutUpstream(exchange); // the client's fault, not the peer's: no outcome for the balancer
        }
        throw new ExceededException(limit.maxBytes());
    }
}
