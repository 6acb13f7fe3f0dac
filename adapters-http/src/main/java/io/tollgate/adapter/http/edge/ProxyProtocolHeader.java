package io.tollgate.adapter.http.edge;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * What a PROXY protocol header (version 1 text or version 2 binary, as HAProxy specifies it) said about a
 * connection: either the addresses of the client connection the sender relays ({@link Proxied}), or nothing usable
 * ({@link Unknown}: v1 {@code UNKNOWN}, a v2 {@code LOCAL} command, or an address family other than TCP/UDP over IPv4
 * or IPv6), in which case the connection's own peer stands, as with nginx's empty {@code $proxy_protocol_addr}.
 */
public sealed interface ProxyProtocolHeader {

    /**
     * A header naming the relayed connection's addresses (nginx's {@code $proxy_protocol_addr} and
     * {@code $proxy_protocol_port} are the source's).
     *
     * @param source the original client's address and port
     * @param destination the address and port the client connected to
     */
    record Proxied(InetSocketAddress source, InetSocketAddress destination) implements ProxyProtocolHeader {
        public Proxied {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
        }
    }

    /** A well-formed header that names no client address (v1 {@code UNKNOWN}, v2 {@code LOCAL} or another family). */
    record Unknown() implements ProxyProtocolHeader {}
}
