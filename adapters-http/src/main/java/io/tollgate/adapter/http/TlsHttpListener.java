package io.tollgate.adapter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.ConnectorStatistics;
import io.undertow.server.HttpHandler;
import io.undertow.server.OpenListener;
import io.undertow.server.protocol.http.AlpnOpenListener;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.server.protocol.http2.Http2OpenListener;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import org.xnio.ChannelListener;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.XnioWorker;

/**
 * A TLS listener (Kong's {@code ssl} flag; with {@code http2}, HTTP/2 offered by ALPN beside HTTP/1.1), bound by
 * Tollgate ({@link BoundListener}) and set up as Undertow's builder sets up its HTTPS listeners: each accepted
 * connection, its socket conduit lazy, is wrapped in Undertow's TLS connection ({@link UndertowXnioSsl}) and handed
 * to Undertow's HTTP/1.1 listener, or to its ALPN listener choosing between HTTP/2 ({@code h2}) and HTTP/1.1.
 */
final class TlsHttpListener extends BoundListener {

    private final OpenListener open;
    private final SSLContext tls;

    /**
     * @param listener the address to bind ({@code ssl} on)
     * @param root the listener's root handler
     * @param buffers the server's buffer pool
     * @param serverOptions Undertow's options for this listener (the builder's, with its defaults, and any of its own)
     * @param tls the TLS context (the server certificate chosen by SNI)
     */
    TlsHttpListener(
            Listener listener, HttpHandler root, ByteBufferPool buffers, OptionMap serverOptions, SSLContext tls) {
        super(listener, serverOptions);
        if (!listener.ssl()) {
            throw new IllegalArgumentException("a TLS listener only: " + listener);
        }
        this.tls = Objects.requireNonNull(tls, "tls");
        HttpOpenListener http1 = new HttpOpenListener(buffers, serverOptions);
        http1.setRootHandler(Objects.requireNonNull(root, "root"));
        if (listener.http2()) {
            Http2OpenListener http2 = new Http2OpenListener(buffers, serverOptions);
            http2.setRootHandler(root);
            AlpnOpenListener alpn = new AlpnOpenListener(buffers, serverOptions, http1);
            alpn.addProtocol(Http2OpenListener.HTTP2, http2, 10);
            alpn.addProtocol(Http2OpenListener.HTTP2_14, http2, 7);
            this.open = alpn;
        } else {
            this.open = http1;
        }
    }

    @Override
    ChannelListener<StreamConnection> accepted(XnioWorker worker, OptionMap socketOptions) {
        UndertowXnioSsl ssl =
                new UndertowXnioSsl(worker.getXnio(), OptionMap.create(Options.USE_DIRECT_BUFFERS, true), tls);
        return connection -> open.handleEvent(ssl.wrapExistingConnection(connection, socketOptions, false));
    }

    @Override
    @Nullable
    ConnectorStatistics statistics() {
        return open.getConnectorStatistics();
    }
}
