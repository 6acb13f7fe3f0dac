package io.tollgate.adapter.http.proxy;

import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.UpstreamPeers.Peer;
import io.undertow.UndertowOptions;
import io.undertow.client.UndertowClient;
import io.undertow.server.handlers.proxy.ConnectionPoolManager;
import io.undertow.server.handlers.proxy.ProxyConnectionPool;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.ssl.XnioSsl;

/**
 * The upstream keep-alive pools, one per peer address as Kong keys them (kong-internals §8.6: {@code ip|port} for
 * http, plus the host name and TLS settings for https), each with per-I/O-thread connection lists (Undertow's
 * {@link ProxyConnectionPool}). Honours {@code upstream_keepalive_pool_size} (idle connections kept per address and
 * I/O thread) and {@code upstream_keepalive_idle_timeout}; {@code _max_requests} is counted by {@link UpstreamClient}.
 * Connections are not limited in number (as nginx), and a failed connect never marks an address as down: target
 * health is the health checker's job.
 */
final class PeerPools {

    private final ConcurrentMap<PoolKey, ProxyConnectionPool> pools = new ConcurrentHashMap<>();
    private final ConnectionPoolManager manager;
    /**
     * HTTP/1.1 upstream connections with {@code TCP_NODELAY}, as nginx's {@code tcp_nodelay} (on by default) sets it on
     * its keep-alive upstream connections. Without it, the last small segment of a request body written in several
     * parts waits for the acknowledgement of the previous ones, which the upstream's kernel may delay by up to 40 ms
     * (measured: 20 KB request bodies took 26 ms median and 44 ms p90 through the proxy instead of under 1 ms).
     */
    private static final OptionMap OPTIONS = OptionMap.builder()
            .set(UndertowOptions.ENABLE_HTTP2, false)
            .set(Options.TCP_NODELAY, true)
            .getMap();

    PeerPools(UpstreamKeepalive keepalive) {
        this.manager = new Manager(keepalive);
    }

    /**
     * The pool for one try to {@code peer} at {@code address}.
     *
     * @param serverName for https, the name sent as SNI and checked by {@code tls_verify} (Kong's
     *     {@code proxy_ssl_name}, the upstream {@code Host}): the client's host with {@code preserve_host}, else the
     *     peer's host; ignored for http
     */
    ProxyConnectionPool pool(Forward forward, Peer peer, InetAddress address, String serverName) {
        boolean https = "https".equals(forward.scheme());
        PoolKey key = https
                ? new PoolKey(address, peer.port(), serverName, forward.tls().poolKey())
                : new PoolKey(address, peer.port(), null, null);
        ProxyConnectionPool pool = pools.get(key);
        return pool != null
                ? pool
                : pools.computeIfAbsent(key, k -> newPool(forward, peer, address, https, serverName));
    }

    private ProxyConnectionPool newPool(
            Forward forward, Peer peer, InetAddress address, boolean https, String serverName) {
        try {
            // http connects to the resolved address (no DNS on the I/O thread); https keeps the name for SNI
            String host = https ? peer.host() : address.getHostAddress();
            URI uri = new URI(https ? "https" : "http", null, host, peer.port(), null, null, null);
            return https
                    ? new ProxyConnectionPool(
                            manager, uri, ssl(forward), UndertowClient.getInstance(), tlsOptions(serverName))
                    : new ProxyConnectionPool(manager, uri, UndertowClient.getInstance(), OPTIONS);
        } catch (URISyntaxException | GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot proxy to " + peer.address(), e);
        }
    }

    /**
     * The TLS client for an {@code https} service: the one hook where upstream TLS settings ({@code tls_verify},
     * CA certificates, client certificate in {@code forward.tls()}) turn into an SSL context.
     */
    static XnioSsl ssl(Forward forward) throws GeneralSecurityException {
        return UpstreamSslContexts.forTls(forward.tls());
    }

    /**
     * {@link #OPTIONS} plus the SNI name (Undertow otherwise sends the connected host's), also as the TLS peer name, so
     * sessions are resumed per name and never under another name's SNI; an IP address is left out, as TLS sends no
     * SNI for one.
     */
    private static OptionMap tlsOptions(String serverName) {
        if (!UpstreamSslContexts.isSniName(serverName)) {
            return OPTIONS;
        }
        return OptionMap.builder()
                .addAll(OPTIONS)
                .set(UndertowOptions.SSL_SNI_HOSTNAME, serverName)
                .set(Options.SSL_PEER_HOST_NAME, serverName)
                .getMap();
    }

    /**
     * A pool's identity, as Kong keys its upstream keep-alive pools: the address and port for http; plus the host
     * name (SNI) and the TLS settings' {@code poolKey} for https. A record rather than a string, so finding the pool
     * builds no string per request ({@link InetAddress} compares by address).
     */
    private record PoolKey(
            InetAddress address,
            int port,
            @Nullable String sniHost,
            @Nullable String tls) {}

    /** Pool sizing from Kong's keep-alive settings; never reports an address as a problem. */
    private record Manager(UpstreamKeepalive keepalive) implements ConnectionPoolManager {
        @Override
        public boolean isAvailable() {
            return true;
        }

        @Override
        public boolean handleError() {
            return true;
        }

        @Override
        public boolean clearError() {
            return true;
        }

        @Override
        public int getProblemServerRetry() {
            return -1;
        }

        @Override
        public int getMaxConnections() {
            return Integer.MAX_VALUE;
        }

        @Override
        public int getMaxCachedConnections() {
            return keepalive.poolSize();
        }

        @Override
        public int getSMaxConnections() {
            return 0;
        }

        @Override
        public long getTtl() {
            long ms = keepalive.idleTimeout().toMillis();
            return ms == 0 ? -1 : ms;
        }

        @Override
        public int getMaxQueueSize() {
            return 0;
        }
    }
}
