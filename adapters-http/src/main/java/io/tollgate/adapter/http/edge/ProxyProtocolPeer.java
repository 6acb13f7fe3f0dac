package io.tollgate.adapter.http.edge;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The peer address of a connection accepted on a {@code proxy_protocol} listener: the real TCP peer (what
 * {@code trusted_ips} is checked against, nginx's {@code $realip_remote_addr}), carrying what the connection's PROXY
 * protocol header said. Being the peer's own address and port, it stands wherever the connection's peer address is
 * read (Undertow's {@code getSourceAddress()}, over TLS and HTTP/2 alike), and the edge finds the header on it.
 * Equal to a plain {@link InetSocketAddress} of the same peer ({@code equals} and {@code hashCode} are its own).
 */
public final class ProxyProtocolPeer extends InetSocketAddress {

    private final ProxyProtocolHeader header;

    /**
     * @param peer the connection's real TCP peer (resolved)
     * @param header the connection's PROXY protocol header
     */
    public ProxyProtocolPeer(InetSocketAddress peer, ProxyProtocolHeader header) {
        super(Objects.requireNonNull(peer, "peer").getAddress(), peer.getPort());
        this.header = Objects.requireNonNull(header, "header");
    }

    /** @return the connection's PROXY protocol header */
    public ProxyProtocolHeader header() {
        return header;
    }
}
