package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.ProxyProtocolPeer;
import java.io.IOException;
import java.net.SocketAddress;
import org.xnio.IoUtils;
import org.xnio.Option;
import org.xnio.StreamConnection;

/**
 * An accepted connection whose PROXY protocol header has been read ({@link ProxyProtocolReader}): the same socket,
 * conduits and local address, its peer address the {@link ProxyProtocolPeer} that carries the header.
 */
final class ProxiedConnection extends StreamConnection {

    private final StreamConnection delegate;
    private final ProxyProtocolPeer peer;

    ProxiedConnection(StreamConnection delegate, ProxyProtocolPeer peer) {
        super(delegate.getIoThread());
        this.delegate = delegate;
        this.peer = peer;
        setSourceConduit(delegate.getSourceChannel().getConduit());
        setSinkConduit(delegate.getSinkChannel().getConduit());
    }

    @Override
    public SocketAddress getPeerAddress() {
        return peer;
    }

    @Override
    public SocketAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public boolean supportsOption(Option<?> option) {
        return delegate.supportsOption(option);
    }

    @Override
    public <T> T getOption(Option<T> option) throws IOException {
        return delegate.getOption(option);
    }

    @Override
    public <T> T setOption(Option<T> option, T value) throws IOException {
        return delegate.setOption(option, value);
    }

    @Override
    protected void notifyWriteClosed() {
        IoUtils.safeClose(delegate.getSinkChannel());
    }

    @Override
    protected void notifyReadClosed() {
        IoUtils.safeClose(delegate.getSourceChannel());
    }

    @Override
    protected void closeAction() throws IOException {
        delegate.close();
    }
}
