package io.tollgate.adapter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xnio.ChannelListener;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

/**
 * A plain HTTP/1.1 listener (proxy or Admin API) bound by Tollgate on Undertow's XNIO worker rather than by Undertow's
 * builder, so that each accepted connection gets {@link LazyReadSuspension} under Undertow's own conduits (the builder
 * offers no hook between accepting a connection and handing it to Undertow's {@link HttpOpenListener}), and so that
 * each listener has Undertow options of its own (the builder's are one set for all its listeners). Everything above
 * the socket is Undertow's, with the given options, the server's buffers and connector statistics, as on the
 * builder's listeners. Not for TLS or HTTP/2 listeners (those stay with the builder).
 */
final class PlainHttpListener {

    private final Listener listener;
    private final HttpOpenListener open;
    private @Nullable AcceptingChannel<StreamConnection> server;

    /**
     * @param listener the address to bind ({@code ssl} and {@code http2} off)
     * @param root the listener's root handler
     * @param buffers the server's buffer pool
     * @param serverOptions Undertow's options for this listener (the builder's, with its defaults, and any of its own)
     */
    PlainHttpListener(Listener listener, HttpHandler root, ByteBufferPool buffers, OptionMap serverOptions) {
        if (listener.ssl() || listener.http2()) {
            throw new IllegalArgumentException("a plain HTTP/1.1 listener only: " + listener);
        }
        this.listener = listener;
        this.open = new HttpOpenListener(buffers, serverOptions);
        this.open.setRootHandler(Objects.requireNonNull(root, "root"));
    }

    /**
     * Binds and starts accepting on {@code worker}.
     *
     * @param socketOptions the listening socket's options (Undertow's: {@code TCP_NODELAY}, backlog, …)
     * @throws IOException when the address cannot be bound
     */
    void start(XnioWorker worker, OptionMap socketOptions) throws IOException {
        ChannelListener<StreamConnection> accepted = connection -> {
            connection
                    .getSourceChannel()
                    .setConduit(
                            new LazyReadSuspension(connection.getSourceChannel().getConduit()));
            open.handleEvent(connection);
        };
        AcceptingChannel<StreamConnection> bound = worker.createStreamConnectionServer(
                listener.address(), ChannelListeners.openListenerAdapter(accepted), socketOptions);
        bound.resumeAccepts();
        server = bound;
    }

    /** The listener this binds. */
    Listener listener() {
        return listener;
    }

    /** The bound address (the actual port when 0 was asked); {@code null} before {@link #start}. */
    @Nullable
    InetSocketAddress address() {
        AcceptingChannel<StreamConnection> bound = server;
        return bound == null ? null : bound.getLocalAddress(InetSocketAddress.class);
    }

    /** The listener's connector statistics (Undertow's, since {@code ENABLE_STATISTICS} is on), or {@code null}. */
    @Nullable
    ConnectorStatistics statistics() {
        return open.getConnectorStatistics();
    }

    /** Stops accepting; open connections are closed with the worker. Idempotent. */
    void close() {
        IoUtils.safeClose(server);
    }
}
