package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.ProxyProtocolHeader;
import io.tollgate.adapter.http.edge.ProxyProtocolParser;
import io.tollgate.adapter.http.edge.ProxyProtocolPeer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.Buffers;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioExecutor;
import org.xnio.conduits.ConduitStreamSourceChannel;
import org.xnio.conduits.PushBackStreamSourceConduit;

/**
 * Reads the PROXY protocol header that must start every connection on a listener with Kong's {@code proxy_protocol}
 * flag, before the connection goes on to Undertow (or to TLS first, with {@code ssl}). Reads never block: the header
 * is read by the connection's read listener on its I/O thread as bytes arrive, and a connection that has not sent a
 * whole header within the deadline, or sends a malformed one, is closed as nginx closes it. Bytes read past the
 * header are pushed back for Undertow. The connection handed on keeps its real TCP peer as peer address, a
 * {@link ProxyProtocolPeer} carrying the header, for the edge's real-IP processing.
 */
final class ProxyProtocolReader implements ChannelListener<ConduitStreamSourceChannel> {

    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolReader.class);
    /** Enough for any version 1 header and the usual version 2 ones; a longer version 2 header grows it. */
    private static final int INITIAL = 256;

    private final StreamConnection connection;
    private final ChannelListener<StreamConnection> next;
    private ByteBuffer buffer = ByteBuffer.allocate(INITIAL);
    private XnioExecutor.@Nullable Key deadline;

    private ProxyProtocolReader(StreamConnection connection, ChannelListener<StreamConnection> next) {
        this.connection = connection;
        this.next = next;
    }

    /**
     * @param next what takes each connection once its header is read
     * @param timeoutMs how long a connection may take to send its header
     * @return a listener reading each accepted connection's PROXY protocol header, then handing it to {@code next}
     */
    static ChannelListener<StreamConnection> before(ChannelListener<StreamConnection> next, long timeoutMs) {
        return connection -> {
            ProxyProtocolReader reader = new ProxyProtocolReader(connection, next);
            reader.deadline = connection
                    .getIoThread()
                    .executeAfter(() -> IoUtils.safeClose(connection), timeoutMs, TimeUnit.MILLISECONDS);
            ConduitStreamSourceChannel source = connection.getSourceChannel();
            source.getReadSetter().set(reader);
            source.resumeReads();
        };
    }

    @Override
    public void handleEvent(ConduitStreamSourceChannel source) {
        try {
            ProxyProtocolHeader header = null;
            int read = 0;
            while (header == null && (read = source.read(buffer)) > 0) {
                buffer.flip();
                header = ProxyProtocolParser.parse(buffer);
                if (header == null) {
                    buffer.compact();
                    if (!buffer.hasRemaining()) {
                        buffer = ByteBuffer.allocate(buffer.capacity() * 4).put(buffer.flip());
                    }
                }
            }
            if (header == null) {
                if (read < 0) {
                    close("closed before its PROXY protocol header");
                }
                return;
            }
            handOn(source, header);
        } catch (IOException | IllegalArgumentException e) {
            close(e.getMessage());
        }
    }

    private void handOn(ConduitStreamSourceChannel source, ProxyProtocolHeader header) {
        cancelDeadline();
        source.suspendReads();
        source.getReadSetter().set(null);
        if (buffer.hasRemaining()) {
            PushBackStreamSourceConduit pushBack = new PushBackStreamSourceConduit(source.getConduit());
            pushBack.pushBack(Buffers.pooledWrapper(buffer.slice()));
            source.setConduit(pushBack);
        }
        InetSocketAddress peer = connection.getPeerAddress(InetSocketAddress.class);
        next.handleEvent(
                peer == null ? connection : new ProxiedConnection(connection, new ProxyProtocolPeer(peer, header)));
    }

    private void close(@Nullable String why) {
        cancelDeadline();
        LOG.debug("closing {}: {}", connection.getPeerAddress(), why);
        IoUtils.safeClose(connection);
    }

    private void cancelDeadline() {
        XnioExecutor.Key key = deadline;
        if (key != null) {
            key.remove();
        }
    }
}
