package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.EdgeSettings;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where this node listens, as Kong's {@code proxy_listen} (default {@code 0.0.0.0:8000}) and {@code admin_listen}
 * (default {@code 127.0.0.1:8001}), and Kong's {@code admin_gui_url}: the URLs of the browser admin GUIs allowed to
 * call the Admin API from another origin (see the Admin API's CORS headers). An empty listener list is Kong's
 * {@code off}; an empty {@code adminGuiUrl} is unset. Port 0 picks a free port (tests).
 *
 * @param adminGuiUrl absolute URLs ({@code scheme://host[:port][/path]}), in configuration order
 * @param upstreamKeepalive the proxy's upstream connection pool settings ({@code upstream_keepalive_*})
 * @param edge the proxy's edge rules: {@code trusted_ips}, real IP, {@code headers}, {@code error_default_type},
 *        size limits (the header limits also size the proxy listeners)
 */
public record HttpSettings(List<InetSocketAddress> proxyListen, List<InetSocketAddress> adminListen,
                           List<String> adminGuiUrl, UpstreamKeepalive upstreamKeepalive, EdgeSettings edge) {

    public HttpSettings {
        proxyListen = List.copyOf(proxyListen);
        adminListen = List.copyOf(adminListen);
        adminGuiUrl = List.copyOf(adminGuiUrl);
        Objects.requireNonNull(upstreamKeepalive, "upstreamKeepalive");
        Objects.requireNonNull(edge, "edge");
    }

    /** Settings with Kong's default upstream keep-alive and edge rules. */
    public HttpSettings(List<InetSocketAddress> proxyListen, List<InetSocketAddress> adminListen,
                        List<String> adminGuiUrl) {
        this(proxyListen, adminListen, adminGuiUrl, UpstreamKeepalive.DEFAULT, EdgeSettings.DEFAULTS);
    }

    /** Settings without {@code admin_gui_url}. */
    public HttpSettings(List<InetSocketAddress> proxyListen, List<InetSocketAddress> adminListen) {
        this(proxyListen, adminListen, List.of());
    }
}
