package io.tollgate.adapter.http.edge;

import java.net.SocketAddress;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Kong's real-IP processing (nginx's realip module as Kong configures it): when the connecting peer is in
 * {@code trusted_ips}, the client address is taken from {@code real_ip_header}; otherwise it is the peer.
 *
 * <p>For {@code X-Forwarded-For} (all of its headers, read as one comma-separated list) the rightmost address is
 * used; with {@code real_ip_recursive} the walk goes on leftwards past addresses that are themselves trusted and
 * stops at the first untrusted one (the leftmost address when all are trusted). An entry that is not an IP
 * address stops the walk (the last good address wins, or the peer when there is none). Other headers hold one
 * address; Kong's {@code proxy_protocol} takes the source address of the connection's PROXY protocol header.
 * Addresses may carry a port ({@code 10.0.0.1:3000}, {@code [::1]:80}), which is dropped.
 * Immutable and thread-safe; does no DNS.
 */
public final class RealIp {

    /** The {@code real_ip_header} value that takes the client address from the PROXY protocol header. */
    public static final String PROXY_PROTOCOL = "proxy_protocol";

    private final TrustedIps trusted;
    private final String header;
    private final boolean forwardedFor;
    private final boolean proxyProtocol;
    private final boolean recursive;

    /**
     * @param trusted {@code trusted_ips}
     * @param header {@code real_ip_header}, e.g. {@code X-Real-IP} or {@code X-Forwarded-For}
     * @param recursive {@code real_ip_recursive}
     */
    public RealIp(TrustedIps trusted, String header, boolean recursive) {
        this.trusted = trusted;
        this.header = header;
        this.forwardedFor = header.toLowerCase(Locale.ROOT).equals("x-forwarded-for");
        this.proxyProtocol = header.equalsIgnoreCase(PROXY_PROTOCOL);
        this.recursive = recursive;
    }

    /** @return whether {@code real_ip_header} is Kong's {@code proxy_protocol}: see {@link #resolve(String, boolean, SocketAddress)} */
    public boolean fromProxyProtocol() {
        return proxyProtocol;
    }

    /** @return the header carrying the client address, as configured */
    public String header() {
        return header;
    }

    /** @return whether the peer's forwarding headers are believed */
    public boolean trusts(byte[] peer) {
        return !trusted.isEmpty() && trusted.contains(peer);
    }

    /**
     * @param peer the connecting peer's address text, e.g. {@code 127.0.0.1}
     * @param peerTrusted {@link #trusts} for that peer
     * @param values every value of {@link #header()} in the request, in order
     * @return the client address (Kong's {@code $remote_addr} after real-IP processing)
     */
    public String resolve(String peer, boolean peerTrusted, List<String> values) {
        if (!peerTrusted || values.isEmpty()) {
            return peer;
        }
        if (!forwardedFor) {
            String address = address(values.get(0));
            return address == null ? peer : address;
        }
        String client = null;
        for (int v = values.size() - 1; v >= 0; v--) {
            String value = values.get(v);
            int end = value.length();
            while (end > 0) {
                int start = value.lastIndexOf(',', end - 1) + 1;
                String token = value.substring(start, end).trim();
                end = start - 1;
                if (token.isEmpty()) {
                    continue;
                }
                String address = address(token);
                if (address == null) {
                    return client == null ? peer : client;
                }
                client = address;
                if (!recursive || !trusted.contains(address)) {
                    return client;
                }
            }
        }
        return client == null ? peer : client;
    }

    /**
     * The client address with {@code real_ip_header = proxy_protocol} (nginx's realip module with
     * {@code $proxy_protocol_addr}): the PROXY protocol header's source address when the peer is trusted and its
     * connection came with a header naming one, else the peer.
     *
     * @param peer the connecting peer's address text
     * @param peerTrusted {@link #trusts} for that peer
     * @param address the connection's peer address as the listener reports it: a {@link ProxyProtocolPeer} on a
     *     listener with the {@code proxy_protocol} flag
     */
    public String resolve(String peer, boolean peerTrusted, @Nullable SocketAddress address) {
        if (peerTrusted
                && address instanceof ProxyProtocolPeer proxied
                && proxied.header() instanceof ProxyProtocolHeader.Proxied header
                && header.source().getAddress() != null) {
            return header.source().getAddress().getHostAddress();
        }
        return peer;
    }

    /** The address in {@code token} without brackets or port, or {@code null} when it is not an IP address. */
    private static String address(String token) {
        String s = token.trim();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            s = s.substring(1, close);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        return IpLiterals.parse(s) == null ? null : s;
    }
}
