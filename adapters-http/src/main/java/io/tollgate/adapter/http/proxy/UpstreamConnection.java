package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.undertow.client.ClientCallback;
import io.undertow.client.ClientConnection;
import io.undertow.client.ClientExchange;
import io.undertow.client.ClientRequest;
import io.undertow.client.ClientStatistics;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.Option;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * A pooled upstream connection as one exchange uses it. Before the request leaves it applies Kong's upstream rules
 * (kong-internals §8.4): the request target from the decision, {@code Host}, and the header rules of
 * {@link UpstreamHeaders} ({@code X-Forwarded-*}, {@code X-Real-IP}, {@code Via}, hop-by-hop headers removed).
 * It enforces the service's {@code read_timeout} until the response head arrives, and records failures for
 * {@link KongErrors}. Everything else delegates.
 */
final class UpstreamConnection implements ClientConnection {

    private final ClientConnection delegate;
    private final HttpServerExchange exchange;
    private final ProxyState state;
    private final boolean lastRequest;

    /**
     * @param lastRequest whether the connection must be closed after this request ({@code Connection: close}):
     *        keep-alive is off, or {@code upstream_keepalive_max_requests} is reached
     */
    UpstreamConnection(ClientConnection delegate, HttpServerExchange exchange, ProxyState state, boolean lastRequest) {
        this.delegate = delegate;
        this.exchange = exchange;
        this.state = state;
        this.lastRequest = lastRequest;
    }

    @Override
    public void sendRequest(ClientRequest request, ClientCallback<ClientExchange> callback) {
        rewrite(request);
        if (lastRequest) {
            request.getRequestHeaders().put(Headers.CONNECTION, "close");
        }
        state.sentNanos = System.nanoTime();
        delegate.sendRequest(request, new ResponseWatch(state, delegate, callback).sendCallback());
    }

    private void rewrite(ClientRequest request) {
        Forward forward = state.forward;
        HeaderMap inbound = exchange.getRequestHeaders();
        HeaderMap out = request.getRequestHeaders();
        UndertowProxyExchange view = UndertowProxyExchange.of(exchange);
        request.setPath(view == null ? forward.pathAndQuery() : view.upstreamTarget(forward.pathAndQuery()));

        UpstreamHeaders.apply(exchange, state, out);
        if (!forward.preserveHost() || !inbound.contains(Headers.HOST)) {
            out.put(Headers.HOST, state.hostHeader());
        }
    }

    @Override
    public StreamConnection performUpgrade() throws IOException {
        return delegate.performUpgrade();
    }

    @Override
    public ByteBufferPool getBufferPool() {
        return delegate.getBufferPool();
    }

    @Override
    public SocketAddress getPeerAddress() {
        return delegate.getPeerAddress();
    }

    @Override
    public <A extends SocketAddress> A getPeerAddress(Class<A> type) {
        return delegate.getPeerAddress(type);
    }

    @Override
    public ChannelListener.Setter<? extends ClientConnection> getCloseSetter() {
        return delegate.getCloseSetter();
    }

    @Override
    public SocketAddress getLocalAddress() {
        return delegate.getLocalAddress();
    }

    @Override
    public <A extends SocketAddress> A getLocalAddress(Class<A> type) {
        return delegate.getLocalAddress(type);
    }

    @Override
    public XnioWorker getWorker() {
        return delegate.getWorker();
    }

    @Override
    public XnioIoThread getIoThread() {
        return delegate.getIoThread();
    }

    @Override
    public boolean isOpen() {
        return delegate.isOpen();
    }

    @Override
    public void close() throws IOException {
        delegate.close();
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
    public boolean isUpgraded() {
        return delegate.isUpgraded();
    }

    @Override
    public boolean isPushSupported() {
        return delegate.isPushSupported();
    }

    @Override
    public boolean isMultiplexingSupported() {
        return delegate.isMultiplexingSupported();
    }

    @Override
    public ClientStatistics getStatistics() {
        return delegate.getStatistics();
    }

    @Override
    public boolean isUpgradeSupported() {
        return delegate.isUpgradeSupported();
    }

    @Override
    public void addCloseListener(ChannelListener<ClientConnection> listener) {
        delegate.addCloseListener(listener);
    }

    @Override
    public boolean isPingSupported() {
        return delegate.isPingSupported();
    }

    @Override
    public void sendPing(PingListener listener, long timeout, TimeUnit timeUnit) {
        delegate.sendPing(listener, timeout, timeUnit);
    }
}
