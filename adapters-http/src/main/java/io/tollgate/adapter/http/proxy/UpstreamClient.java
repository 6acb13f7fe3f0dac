package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.adapter.http.proxy.ProxyState.Failure;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.undertow.client.ClientConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.proxy.ProxyCallback;
import io.undertow.server.handlers.proxy.ProxyClient;
import io.undertow.server.handlers.proxy.ProxyConnection;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Undertow {@link ProxyClient} that sends each try of an exchange to the peer its balancer
 * ({@code Forward.peers()}) hands out: {@link #findTarget} is called for the first try and again by Undertow's proxy
 * for each retry after a connection failure or timeout, up to {@code Forward.retries()}. Resolves the
 * peer's host name through the {@link DnsCache} without blocking (an unknown name is resolved on a virtual thread and
 * the try resumes on the exchange's I/O thread), takes a pooled keep-alive connection from {@link PeerPools}, and
 * enforces {@code connect_timeout} (ms). Hands out {@link UpstreamConnection}s, which apply the rest of Kong's
 * upstream rules; after {@code upstream_keepalive_max_requests} requests a connection is closed.
 */
final class UpstreamClient implements ProxyClient {

    private final PeerPools pools;
    private final DnsCache dns;
    private final int maxRequests;
    private final boolean keepAlive;
    private final Map<ClientConnection, AtomicInteger> requestCounts = new ConcurrentHashMap<>();

    UpstreamClient(UpstreamKeepalive keepalive, DnsCache dns) {
        this.pools = new PeerPools(keepalive);
        this.dns = dns;
        this.maxRequests = keepalive.maxRequests();
        this.keepAlive = keepalive.poolSize() > 0;
    }

    @Override
    public @Nullable ProxyTarget findTarget(HttpServerExchange exchange) {
        ProxyState state = ProxyState.of(exchange);
        if (state == null || RequestBodyBudget.exceeded(exchange)) {
            return null; // no retry for a body past its budget
        }
        if (state.tries() > 0 && !state.mayRetry(state.forward.retries())) {
            return null; // retries used up (Undertow's own limit is set past them: see Target)
        }
        Peer peer = state.forward.peers().next();
        if (peer == null) {
            return null;
        }
        state.beginTry(peer);
        return new Target(peer);
    }

    @Override
    public void getConnection(
            ProxyTarget target,
            HttpServerExchange exchange,
            ProxyCallback<ProxyConnection> callback,
            long timeout,
            TimeUnit timeUnit) {
        Peer peer = ((Target) target).peer;
        ProxyState state = Objects.requireNonNull(ProxyState.of(exchange), "proxy state");
        ConnectAttempt attempt = new ConnectAttempt(state, callback);
        DnsCache.Cached cached = dns.cached(peer.host());
        if (cached.address() != null) {
            connect(state, peer, cached.address(), target, exchange, attempt);
            attempt.arm(exchange); // a pooled connection has been handed over already: no timer at all
        } else if (cached.notFound()) {
            attempt.dnsFailed(exchange);
        } else {
            attempt.arm(exchange); // connect_timeout covers the name's resolution too
            dns.resolve(peer.host())
                    .whenComplete((address, error) -> exchange.getIoThread().execute(() -> {
                        if (address == null) {
                            attempt.dnsFailed(exchange);
                        } else {
                            connect(state, peer, address, target, exchange, attempt);
                        }
                    }));
        }
    }

    private void connect(
            ProxyState state,
            Peer peer,
            InetAddress address,
            ProxyTarget target,
            HttpServerExchange exchange,
            ConnectAttempt attempt) {
        if (attempt.settled.get()) {
            return; // connect_timeout elapsed while resolving
        }
        state.resolved(address);
        try {
            pools.pool(state.forward, peer, address, serverName(state, peer, exchange))
                    .connect(target, exchange, attempt, -1, TimeUnit.MILLISECONDS, false);
        } catch (RuntimeException e) {
            attempt.failed(exchange);
        }
    }

    /**
     * The upstream TLS name: the client's host (port dropped) with {@code preserve_host}, else the peer's host; http
     * tries (whose pool ignores it) skip reading {@code Host}.
     */
    private static String serverName(ProxyState state, Peer peer, HttpServerExchange exchange) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (!state.forward.preserveHost()
                || !"https".equals(state.forward.scheme())
                || host == null
                || host.isBlank()
                || host.startsWith("[")) {
            return peer.host();
        }
        int colon = host.lastIndexOf(':');
        return (colon < 0 ? host : host.substring(0, colon)).trim();
    }

    /** Counts a request sent on {@code connection}: how many it has carried, this one included. */
    private int countRequest(ClientConnection connection) {
        AtomicInteger count = requestCounts.get(connection);
        if (count == null) {
            count = new AtomicInteger();
            requestCounts.put(connection, count);
            connection.addCloseListener(requestCounts::remove);
        }
        return count.incrementAndGet();
    }

    /** Whether the {@code sent}th request on a connection must close it ({@code upstream_keepalive_max_requests}). */
    private boolean lastRequest(int sent) {
        if (!keepAlive) {
            return true;
        }
        return maxRequests != 0 && sent >= maxRequests;
    }

    /**
     * A try's peer. Undertow's limit on retries is left open: {@link #findTarget} ends them, because a try that
     * failed on a reused keep-alive connection does not count ({@link ProxyState#mayRetry}).
     */
    private record Target(Peer peer) implements MaxRetriesProxyTarget {
        @Override
        public int getMaxRetries() {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * One connection request: enforces {@code connect_timeout}, records failures, wraps the connection. Its timer is
     * armed ({@link #arm}) only while a connection is really awaited: a pooled keep-alive connection is handed over
     * within {@code connect}, on the exchange's I/O thread, before the attempt would arm it.
     */
    private final class ConnectAttempt implements ProxyCallback<ProxyConnection> {

        private final ProxyState state;
        private final ProxyCallback<ProxyConnection> next;
        final AtomicBoolean settled = new AtomicBoolean();
        private volatile XnioExecutor.@Nullable Key timer;

        ConnectAttempt(ProxyState state, ProxyCallback<ProxyConnection> next) {
            this.state = state;
            this.next = next;
        }

        /** Starts {@code connect_timeout} (ms) unless the attempt is already settled. */
        void arm(HttpServerExchange exchange) {
            if (settled.get()) {
                return;
            }
            timer = exchange.getIoThread()
                    .executeAfter(
                            () -> {
                                if (settled.compareAndSet(false, true)) {
                                    state.fail(Failure.TIMEOUT);
                                    next.failed(exchange);
                                }
                            },
                            state.forward.connectTimeoutMs(),
                            TimeUnit.MILLISECONDS);
        }

        @Override
        public void completed(HttpServerExchange exchange, ProxyConnection connection) {
            if (!settled.compareAndSet(false, true)) {
                IoUtils.safeClose(connection.getConnection());
                return;
            }
            disarm();
            ClientConnection client = connection.getConnection();
            state.upstream = client;
            int sent = countRequest(client);
            state.connected(sent > 1);
            next.completed(
                    exchange,
                    new ProxyConnection(new UpstreamConnection(client, exchange, state, lastRequest(sent)), ""));
        }

        @Override
        public void failed(HttpServerExchange exchange) {
            fail(exchange, Failure.CONNECT, () -> next.failed(exchange));
        }

        @Override
        public void couldNotResolveBackend(HttpServerExchange exchange) {
            fail(exchange, Failure.CONNECT, () -> next.couldNotResolveBackend(exchange));
        }

        @Override
        public void queuedRequestFailed(HttpServerExchange exchange) {
            fail(exchange, Failure.CONNECT, () -> next.queuedRequestFailed(exchange));
        }

        private void disarm() {
            XnioExecutor.Key armed = timer;
            if (armed != null) {
                armed.remove();
            }
        }

        void dnsFailed(HttpServerExchange exchange) {
            fail(exchange, Failure.DNS, () -> next.failed(exchange));
        }

        private void fail(HttpServerExchange exchange, Failure cause, Runnable report) {
            if (settled.compareAndSet(false, true)) {
                disarm();
                state.fail(cause);
                report.run();
            }
        }
    }
}
