package io.tollgate.bootstrap.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One parsed entry of Kong's {@code proxy_listen} / {@code admin_listen}: the address and the flags that change
 * behaviour ({@code ssl}: terminate TLS; {@code http2}: offer HTTP/2; {@code proxy_protocol}: require a PROXY
 * protocol header on every connection).
 *
 * @param address the address; port 0 = any free port
 * @param ssl Kong's {@code ssl} flag
 * @param http2 Kong's {@code http2} flag
 * @param proxyProtocol Kong's {@code proxy_protocol} flag
 */
public record ListenEntry(InetSocketAddress address, boolean ssl, boolean http2, boolean proxyProtocol) {

    public ListenEntry {
        Objects.requireNonNull(address, "address");
    }

    /** An entry without the {@code proxy_protocol} flag. */
    public ListenEntry(InetSocketAddress address, boolean ssl, boolean http2) {
        this(address, ssl, http2, false);
    }

    /** @return {@code host:port} then the flags, e.g. {@code 0.0.0.0:8443 http2 ssl proxy_protocol}, as shown in {@code GET /} */
    @Override
    public String toString() {
        return Listeners.format(address)
                + (http2 ? " http2" : "")
                + (ssl ? " ssl" : "")
                + (proxyProtocol ? " proxy_protocol" : "");
    }
}
