package io.tollgate.adapter.http;

import io.undertow.UndertowOptions;
import io.undertow.server.ConnectorStatistics;
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
 * A listener Tollgate binds itself on Undertow's XNIO worker instead of Undertow's builder (every listener of the node
 * is one), so that each accepted connection gets {@link LazyReadSuspension} under Undertow's own conduits (the builder
 * offers no hook between accepting a connection and handing it to Undertow), and so that each listener has Undertow
 * options of its own (the builder's are one set for all its listeners). Everything above the socket is Undertow's:
 * {@link PlainHttpListener} for cleartext HTTP/1.1 (and h2c), {@link TlsHttpListener} for TLS (HTTP/1.1, and HTTP/2
 * by ALPN). With Kong's {@code proxy_protocol} flag, each connection's PROXY protocol header is read first
 * ({@link ProxyProtocolReader}), before TLS too.
 */
abstract sealed class BoundListener permits PlainHttpListener, TlsHttpListener {

    private final Listener listener;
    /** How long a {@code proxy_protocol} connection may take to send its header (the request-head timeout). */
    private final long proxyProtocolTimeoutMs;

    private volatile @Nullable AcceptingChannel<StreamConnection> server;

    BoundListener(Listener listener, OptionMap serverOptions) {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.proxyProtocolTimeoutMs = serverOptions.get(UndertowOptions.REQUEST_PARSE_TIMEOUT, 60_000);
    }

    /**
     * Binds and starts accepting on {@code worker}.
     *
     * @param socketOptions the listening socket's options (Undertow's: {@code TCP_NODELAY}, backlog, …)
     * @throws IOException when the address cannot be bound
     */
    final void start(XnioWorker worker, OptionMap socketOptions) throws IOException {
        ChannelListener<StreamConnection> accepted = listener.proxyProtocol()
                ? ProxyProtocolReader.before(accepted(worker, socketOptions), proxyProtocolTimeoutMs)
                : accepted(worker, socketOptions);
        ChannelListener<StreamConnection> lazy = connection -> {
            connection
                    .getSourceChannel()
                    .setConduit(
                            new LazyReadSuspension(connection.getSourceChannel().getConduit()));
            accepted.handleEvent(connection);
        };
        AcceptingChannel<StreamConnection> bound = worker.createStreamConnectionServer(
                listener.address(), ChannelListeners.openListenerAdapter(lazy), socketOptions);
        bound.resumeAccepts();
        server = bound;
    }

    /** What takes each accepted connection (its socket conduit already lazy) to Undertow. */
    abstract ChannelListener<StreamConnection> accepted(XnioWorker worker, OptionMap socketOptions);

    /** The listener's connector statistics (Undertow's, since {@code ENABLE_STATISTICS} is on), or {@code null}. */
    abstract @Nullable ConnectorStatistics statistics();

    /** The listener this binds. */
    final Listener listener() {
        return listener;
    }

    /** The bound address (the actual port when 0 was asked); {@code null} before {@link #start}. */
    final @Nullable InetSocketAddress address() {
        AcceptingChannel<StreamConnection> bound = server;
        return bound == null ? null : bound.getLocalAddress(InetSocketAddress.class);
    }

    /** Stops accepting; open connections are closed with the worker. Idempotent. */
    final void close() {
        IoUtils.safeClose(server);
    }
}
