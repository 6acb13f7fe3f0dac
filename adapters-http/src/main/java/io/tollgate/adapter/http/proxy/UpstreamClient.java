package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.proxy.ProxyState.Failure;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.LoadBalancingProxyClient;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Undertow {@link ProxyClient} that sends each exchange to the upstream of its {@link Forward} decision, over
 * keep-alive HTTP/1.1 connections pooled per {@code scheme://host:port} (one {@link LoadBalancingProxyClient} per
 * upstream, each with per-I/O-thread pools). Applies the service's {@code connect_timeout} and hands out
 * {@link UpstreamConnection}s, which apply the rest of Kong's upstream request rules.
 */
final class UpstreamClient implements ProxyClient {

    private static final int CONNECTIONS_PER_THREAD = 64;
    private static final int MAX_QUEUE = 1024;

    private final ConcurrentMap<String, LoadBalancingProxyClient> pools = new ConcurrentHashMap<>();

    @Override
    public @Nullable ProxyTarget findTarget(HttpServerExchange exchange) {
        ProxyState state = ProxyState.of(exchange);
        if (state == null) {
            return null;
        }
        Forward forward = state.forward;
        LoadBalancingProxyClient pool = pools.computeIfAbsent(
                forward.scheme() + "://" + forward.host() + ":" + forward.port() + "|" + forward.tls().poolKey(),
                key -> newPool(forward));
        ProxyTarget inner = pool.findTarget(exchange);
        return inner == null ? null : new Target(pool, inner);
    }

    @Override
    public void getConnection(ProxyTarget target, HttpServerExchange exchange,
                              ProxyCallback<ProxyConnection> callback, long timeout, TimeUnit timeUnit) {
        Target t = (Target) target;
        ProxyState state = java.util.Objects.requireNonNull(ProxyState.of(exchange), "proxy state");
        t.pool.getConnection(t.inner, exchange, new ConnectAttempt(state, callback, exchange), timeout, timeUnit);
    }

    private static LoadBalancingProxyClient newPool(Forward forward) {
        LoadBalancingProxyClient pool = new LoadBalancingProxyClient()
                .setConnectionsPerThread(CONNECTIONS_PER_THREAD)
                .setMaxQueueSize(MAX_QUEUE)
                .setProblemServerRetry(1);
        try {
            URI uri = new URI(forward.scheme(), null, forward.host(), forward.port(), null, null, null);
            if ("https".equals(forward.scheme())) {
                pool.addHost(uri, UpstreamSslContexts.forTls(forward.tls()));
            } else {
                pool.addHost(uri);
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot proxy to " + forward.host() + ":" + forward.port(), e);
        }
        return pool;
    }

    private record Target(LoadBalancingProxyClient pool, ProxyTarget inner) implements ProxyTarget {
    }

    /** One connection request: enforces {@code connect_timeout}, records failures, wraps the connection. */
    private static final class ConnectAttempt implements ProxyCallback<ProxyConnection> {

        private final ProxyState state;
        private final ProxyCallback<ProxyConnection> next;
        private final AtomicBoolean settled = new AtomicBoolean();
        private final XnioExecutor.Key timer;

        ConnectAttempt(ProxyState state, ProxyCallback<ProxyConnection> next, HttpServerExchange exchange) {
            this.state = state;
            this.next = next;
            this.timer = exchange.getIoThread().executeAfter(() -> {
                if (settled.compareAndSet(false, true)) {
                    state.fail(Failure.TIMEOUT);
                    next.failed(exchange);
                }
            }, state.forward.connectTimeoutMs(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void completed(HttpServerExchange exchange, ProxyConnection connection) {
            if (!settled.compareAndSet(false, true)) {
                IoUtils.safeClose(connection.getConnection());
                return;
            }
            timer.remove();
            next.completed(exchange, new ProxyConnection(new UpstreamConnection(connection.getConnection(), exchange,
                    state), ""));
        }

        @Override
        public void failed(HttpServerExchange exchange) {
            fail(exchange, () -> next.failed(exchange));
        }

        @Override
        public void couldNotResolveBackend(HttpServerExchange exchange) {
            fail(exchange, () -> next.couldNotResolveBackend(exchange));
        }

        @Override
        public void queuedRequestFailed(HttpServerExchange exchange) {
            fail(exchange, () -> next.queuedRequestFailed(exchange));
        }

        private void fail(HttpServerExchange exchange, Runnable report) {
            if (settled.compareAndSet(false, true)) {
                timer.remove();
                state.fail(Failure.CONNECT);
                report.run();
            }
        }
    }
}
