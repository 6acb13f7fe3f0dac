package io.tollgate.adapter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.xnio.ChannelListener;
import org.xnio.OptionMap;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;

/**
 * A plain HTTP/1.1 listener (proxy or Admin API), bound by Tollgate ({@link BoundListener}): Undertow's
 * {@link HttpOpenListener} over each accepted connection.
 */
final class PlainHttpListener extends BoundListener {

    private final HttpOpenListener open;

    /**
     * @param listener the address to bind ({@code ssl} and {@code http2} off)
     * @param root the listener's root handler
     * @param buffers the server's buffer pool
     * @param serverOptions Undertow's options for this listener (the builder's, with its defaults, and any of its own)
     */
    PlainHttpListener(Listener listener, HttpHandler root, ByteBufferPool buffers, OptionMap serverOptions) {
        super(listener);
        if (listener.ssl() || listener.http2()) {
            throw new IllegalArgumentException("a plain HTTP/1.1 listener only: " + listener);
        }
        this.open = new HttpOpenListener(buffers, serverOptions);
        this.open.setRootHandler(Objects.requireNonNull(root, "root"));
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
