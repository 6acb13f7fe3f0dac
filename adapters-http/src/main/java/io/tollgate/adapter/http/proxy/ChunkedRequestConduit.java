package io.tollgate.adapter.http.proxy;

import io.undertow.conduits.ChunkedStreamSourceConduit;
import io.undertow.conduits.ReadDataStreamSourceConduit;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.Connectors;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.server.protocol.http.HttpServerConnection;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import org.xnio.IoUtils;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ConduitReadableByteChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.StreamSourceConduit;

/**
 * The proxy's reader of a chunked HTTP/1.1 request body, in place of Undertow's: it decodes with nginx's strictness
 * ({@link ChunkedFraming}) and, on malformed framing, throws {@link ChunkedFraming.MalformedChunkException} without
 * closing the connection (Undertow's reader closes it before it reports the error), so that the reader of the body
 * can answer Kong's {@code 400 Bad request} as nginx does; the connection is marked not persistent. Bytes it read
 * past what it decoded (the rest of a chunk that did not fit, the next pipelined request) go back to the connection,
 * as Undertow's reader does, and the end of the body ends the request ({@code Connectors.terminateRequest}). Trailer
 * fields are dropped, as nginx drops them (Undertow's reader keeps them for the upstream). The exchange's max entity size, when set, cuts
 * the body with a {@link RequestTooBigException}, as Undertow's reader does. When a read fails (malformed framing,
 * the client gone or too slow, the body too large) while the body streams to an upstream, the upstream request is
 * cut mid-body ({@link ProxyState#cutUpstream}): the upstream never takes a truncated body for a whole one.
 */
final class ChunkedRequestConduit extends AbstractStreamSourceConduit<StreamSourceConduit> {

    private final HttpServerExchange exchange;
    private final HttpServerConnection connection;
    private final ChunkedFraming framing = new ChunkedFraming();
    private boolean finished;

    private ChunkedRequestConduit(
            StreamSourceConduit next, HttpServerExchange exchange, HttpServerConnection connection) {
        super(next);
        this.exchange = exchange;
        this.connection = connection;
    }

    /**
     * Puts this reader in place of Undertow's chunked reader for the body of {@code exchange}, when it is an HTTP/1.1
     * request with a chunked body not read yet; else does nothing. Call before anything reads the body.
     */
    static void install(HttpServerExchange exchange) {
        if (exchange.isRequestComplete() || !(exchange.getConnection() instanceof HttpServerConnection http1)) {
            return;
        }
        ConduitStreamSourceChannel source = http1.getChannel().getSourceChannel();
        if (source.getConduit() instanceof ChunkedStreamSourceConduit) {
            // Undertow's reader sits on a ReadDataStreamSourceConduit over the connection's own conduit (which is
            // what the connection's source is at the start of every request): rebuild that, under this reader
            source.setConduit(new ChunkedRequestConduit(
                    new ReadDataStreamSourceConduit(http1.getOriginalSourceConduit(), http1), exchange, http1));
        }
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        try {
            return decoded(dst);
        } catch (IOException | RuntimeException e) {
            // the body will not end: when it streams to an upstream, end that request mid-body too (closing it
            // gracefully would send the last chunk, and the upstream would take what it got for the whole body)
            ProxyState.cutUpstream(exchange);
            throw e;
        }
    }

    private int decoded(ByteBuffer dst) throws IOException {
        if (finished) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        PooledByteBuffer pooled = connection.getByteBufferPool().allocate();
        boolean keep = false;
        try {
            ByteBuffer raw = pooled.getBuffer();
            int moved = 0;
            while (true) {
                raw.clear();
                int r = next.read(raw);
                if (r == -1) {
                    exchange.setPersistent(false);
                    throw new ClosedChannelException(); // the client closed the connection within the body
                }
                if (r == 0) {
                    return moved;
                }
                raw.flip();
                moved += decode(raw, dst);
                if (raw.hasRemaining()) { // dst is full or the body ended: the rest is read again later
                    keep = true;
                    connection.ungetRequestBytes(pooled);
                }
                if (framing.ended()) {
                    finish();
                    return moved == 0 ? -1 : moved;
                }
                if (keep || !dst.hasRemaining()) {
                    return moved;
                }
            }
        } finally {
            if (!keep) {
                pooled.close();
            }
        }
    }

    @Override
    public long read(ByteBuffer[] dsts, int offs, int len) throws IOException {
        for (int i = offs; i < offs + len; i++) {
            if (dsts[i].hasRemaining()) {
                return read(dsts[i]);
            }
        }
        return 0;
    }

    @Override
    public long transferTo(long position, long count, FileChannel target) throws IOException {
        return target.transferFrom(new ConduitReadableByteChannel(this), position, count);
    }

    @Override
    public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) throws IOException {
        return IoUtils.transfer(new ConduitReadableByteChannel(this), count, throughBuffer, target);
    }

    @Override
    public void terminateReads() throws IOException {
        if (!finished) {
            exchange.setPersistent(false); // the rest of the body is still on the connection
        }
        next.terminateReads();
    }

    private int decode(ByteBuffer raw, ByteBuffer dst) throws IOException {
        int moved;
        try {
            moved = framing.decode(raw, dst);
        } catch (ChunkedFraming.MalformedChunkException e) {
            exchange.setPersistent(false);
            throw e;
        }
        long max = exchange.getMaxEntitySize();
        if (max > 0 && framing.data() > max) {
            exchange.setPersistent(false);
            finished = true;
            Connectors.terminateRequest(exchange);
            RequestBodyBudget.maxBodySizeExceeded(exchange, max); // answered Kong's 413 while streaming, not a 5xx
            throw new RequestTooBigException("request body larger than " + max + " bytes");
        }
        return moved;
    }

    private void finish() {
        finished = true;
        Connectors.terminateRequest(exchange);
    }
}
