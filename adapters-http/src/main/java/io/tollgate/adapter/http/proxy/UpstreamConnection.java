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
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.net.SocketAddress;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.xnio.ChannelListener;
import org.xnio.Option;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;

/**
 * A pooled upstream connection as one exchange uses it. Before the request leaves it applies Kong's upstream rules
 * (kong-internals §8.4): the request target from the decision, {@code Host}, {@code X-Forwarded-*},
 * {@code X-Real-IP}, {@code Via}, hop-by-hop headers removed. It enforces the service's {@code read_timeout} until
 * the response head arrives, and records failures for {@link KongErrors}. Everything else delegates.
 */
final class UpstreamConnection implements ClientConnection {

    private static final HttpString X_REAL_IP = HttpString.tryFromString("X-Real-IP");
    private static final HttpString X_FORWARDED_PATH = HttpString.tryFromString("X-Forwarded-Path");
    private static final HttpString X_FORWARDED_PREFIX = HttpString.tryFromString("X-Forwarded-Prefix");
    private static final HttpString PROXY = HttpString.tryFromString("Proxy");
    private static final HttpString PROXY_CONNECTION = HttpString.tryFromString("Proxy-Connection");

    private final ClientConnection delegate;
    private final HttpServerExchange exchange;
    private final ProxyState state;

    UpstreamConnection(ClientConnection delegate, HttpServerExchange exchange, ProxyState state) {
        this.delegate = delegate;
        this.exchange = exchange;
        this.state = state;
    }

    @Override
    public void sendRequest(ClientRequest request, ClientCallback<ClientExchange> callback) {
        rewrite(request);
        state.sentNanos = System.nanoTime();
        delegate.sendRequest(request, new ResponseWatch(state, delegate, callback).sendCallback());
    }

    /**
     * A WebSocket handshake ({@code Upgrade: websocket} with {@code Connection: upgrade}), whose upgrade headers are
     * passed on as Kong does. Other upgrades (a client's {@code h2c} offer) stay hop-by-hop and are removed.
     */
    private static boolean isUpgrade(HeaderMap inbound) {
        HeaderValues connection = inbound.get(Headers.CONNECTION);
        String upgrade = inbound.getFirst(Headers.UPGRADE);
        return upgrade != null && upgrade.toLowerCase(Locale.ROOT).contains("websocket") && connection != null
                && connection.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("upgrade"));
    }

    private void rewrite(ClientRequest request) {
        Forward forward = state.forward;
        HeaderMap inbound = exchange.getRequestHeaders();
        HeaderMap out = request.getRequestHeaders();
        request.setPath(forward.pathAndQuery());

        HeaderValues connection = inbound.get(Headers.CONNECTION);
        boolean upgrade = isUpgrade(inbound);
        if (connection != null) {
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String name = token.trim().toLowerCase(Locale.ROOT);
                    if (!name.isEmpty() && !name.equals("close") && !name.equals("keep-alive")
                            && !(upgrade && name.equals("upgrade"))) {
                        out.remove(name);
                    }
                }
            }
        }
        out.remove(PROXY_CONNECTION);
        out.remove(PROXY);
        out.remove(Headers.KEEP_ALIVE);
        out.remove(Headers.TE);
        out.remove(Headers.X_FORWARDED_SERVER);
        out.put(Headers.CONNECTION, upgrade ? "upgrade" : "keep-alive");

        String peer = state.view.clientAddress();
        HeaderValues forwardedFor = inbound.get(Headers.X_FORWARDED_FOR);
        out.put(Headers.X_FORWARDED_FOR, forwardedFor == null || forwardedFor.getFirst().isBlank() ? peer
                : String.join(", ", forwardedFor) + ", " + peer);
        out.put(Headers.X_FORWARDED_PROTO, state.view.scheme());
        out.put(Headers.X_FORWARDED_HOST, state.view.host());
        out.put(Headers.X_FORWARDED_PORT, state.view.port());
        out.put(X_FORWARDED_PATH, state.view.path());
        if (forward.strippedPrefix() == null) {
            out.remove(X_FORWARDED_PREFIX);
        } else {
            out.put(X_FORWARDED_PREFIX, forward.strippedPrefix());
        }
        out.put(X_REAL_IP, peer);
        String via = protocolVersion() + " " + ProxyState.PRODUCT;
        HeaderValues incomingVia = inbound.get(Headers.VIA);
        out.put(Headers.VIA, incomingVia == null ? via : String.join(", ", incomingVia) + ", " + via);
        if (!forward.preserveHost() || !inbound.contains(Headers.HOST)) {
            out.put(Headers.HOST, forward.hostHeader());
        }
    }

    private String protocolVersion() {
        String protocol = exchange.getProtocol().toString();
        return protocol.startsWith("HTTP/") ? protocol.substring(5) : "1.1";
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
