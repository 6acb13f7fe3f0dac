package io.tollgate.bootstrap.config;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One parsed entry of Kong's {@code proxy_listen} / {@code admin_listen}: the address and the flags that change
 * behaviour ({@code ssl}: terminate TLS; {@code http2}: offer HTTP/2).
 *
 * @param address the address; port 0 = any free port
 * @param ssl Kong's {@code ssl} flag
 * @param http2 Kong's {@code http2} flag
 */
public record ListenEntry(InetSocketAddress address, boolean ssl, boolean http2) {

    public ListenEntry {
        Objects.requireNonNull(address, "address");
    }

    /** @return {@code host:port} then the flags, e.g. {@code 0.0.0.0:8443 http2 ssl}, as shown in {@code GET /} */
    @Override
    public String toString() {
        return Listeners.format(address) + (http2 ? " http2" : "") + (ssl ? " ssl" : "");
    }
}
