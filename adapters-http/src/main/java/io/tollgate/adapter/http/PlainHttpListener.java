package io.tollgate.adapter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2UpgradeHandler;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xnio.ChannelListener;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;

/**
 * A cleartext listener (any kind: proxy, Admin API, Kong Manager, status API), bound by Tollgate
 * ({@link BoundListener}) and set up as Undertow's builder sets up its HTTP listeners: Undertow's
 * {@link HttpOpenListener} over each accepted connection; with Kong's {@code http2} flag the root handler is behind
 * Undertow's {@link Http2UpgradeHandler}, so an HTTP/1.1 request with {@code Upgrade: h2c} switches the connection
 * to HTTP/2 (cleartext HTTP/2, h2c).
 */
final class PlainHttpListener extends BoundListener {

    private final HttpOpenListener open;

    /**
     * @param listener the address to bind ({@code ssl} off)
     * @param root the listener's root handler
     * @param buffers the server's buffer pool
     * @param serverOptions Undertow's options for this listener (the builder's, with its defaults, and any of its own)
     */
    PlainHttpListener(Listener listener, HttpHandler root, ByteBufferPool buffers, OptionMap serverOptions) {
        super(listener, serverOptions);
        if (listener.ssl()) {
            throw new IllegalArgumentException("a cleartext listener only: " + listener);
        }
        Objects.requireNonNull(root, "root");
        this.open = new HttpOpenListener(buffers, serverOptions);
        this.open.setRootHandler(listener.http2() ? new Http2UpgradeHandler(root) : root);
    }

    @Override
    ChannelListener<StreamConnection> accepted(XnioWorker worker, OptionMap socketOptions) {
        return open::handleEvent;
    }

    @Override
    @Nullable
    ConnectorStatistics statistics() {
        return open.getConnectorStatistics();
    }
}
