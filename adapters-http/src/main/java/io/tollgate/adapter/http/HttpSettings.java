package io.tollgate.adapter.http;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * Where this node listens, as Kong's {@code proxy_listen} (default {@code 0.0.0.0:8000}) and {@code admin_listen}
 * (default {@code 127.0.0.1:8001}). An empty list is Kong's {@code off}. Port 0 picks a free port (tests).
 */
public record HttpSettings(List<InetSocketAddress> proxyListen, List<InetSocketAddress> adminListen) {

    public HttpSettings {
        proxyListen = List.copyOf(proxyListen);
        adminListen = List.copyOf(adminListen);
    }
}
