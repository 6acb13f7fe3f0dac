package io.tollgate.adapter.http;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * One entry of Kong's {@code proxy_listen} / {@code admin_listen}: an address and Kong's {@code ssl},
 * {@code http2} and {@code proxy_protocol} flags. An {@code ssl} listener terminates TLS with the certificate chosen
 * by SNI (the default certificate otherwise); {@code http2} offers HTTP/2 (by ALPN over TLS, by upgrade or prior
 * knowledge in clear text) besides HTTP/1.1; {@code proxy_protocol} requires a PROXY protocol header (v1 or v2) at
 * the start of every connection, before TLS with {@code ssl} ({@link ProxyProtocolReader}).
 *
 * @param address where to listen; port 0 picks a free port
 * @param ssl Kong's {@code ssl} flag
 * @param http2 Kong's {@code http2} flag
 * @param proxyProtocol Kong's {@code proxy_protocol} flag
 */
public record Listener(InetSocketAddress address, boolean ssl, boolean http2, boolean proxyProtocol) {

    public Listener {
        Objects.requireNonNull(address, "address");
    }

    /** A listener without the {@code proxy_protocol} flag. */
    public Listener(InetSocketAddress address, boolean ssl, boolean http2) {
        this(address, ssl, http2, false);
    }

    /** A plain-text HTTP/1.1 listener. */
    public static Listener plain(InetSocketAddress address) {
        return new Listener(address, false, false, false);
    }

    /** Plain-text HTTP/1.1 listeners on every address, in order. */
    public static List<Listener> plain(List<InetSocketAddress> addresses) {
        return addresses.stream().map(Listener::plain).toList();
    }
}
