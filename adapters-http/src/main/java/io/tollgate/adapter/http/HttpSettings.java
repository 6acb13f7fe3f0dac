package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.gui.AdminGuiSettings;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where this node listens, as Kong's {@code proxy_listen} (default {@code 0.0.0.0:8000} and
 * {@code 0.0.0.0:8443 http2 ssl}) and {@code admin_listen} (default {@code 127.0.0.1:8001} and
 * {@code 127.0.0.1:8444 http2 ssl}), and Kong's {@code admin_gui_url}: the URLs of the browser admin GUIs allowed to
 * call the Admin API from another origin (see the Admin API's CORS headers). An empty listener list is Kong's
 * {@code off}; an empty {@code adminGuiUrl} is unset. Port 0 picks a free port (tests).
 *
 * @param proxyListeners the proxy's listeners, in {@code proxy_listen} order
 * @param adminListeners the Admin API's listeners, in {@code admin_listen} order
 * @param adminGuiUrl absolute URLs ({@code scheme://host[:port][/path]}), in configuration order
 * @param defaultCertificate the TLS listeners' default certificate; required when a listener has {@code ssl}
 * @param upstreamKeepalive the proxy's upstream connection pool settings ({@code upstream_keepalive_*})
 * @param edge the proxy's edge rules: {@code trusted_ips}, real IP, {@code headers}, {@code error_default_type},
 *        size limits (the header limits also size the proxy listeners)
 * @param proxyAccessLog where the proxy listeners' access log goes ({@code proxy_access_log}), or {@code null} (off)
 * @param adminAccessLog where the Admin API listeners' access log goes ({@code admin_access_log}), or {@code null}
 * @param adminGuiListeners Kong Manager's listeners ({@code admin_gui_listen}), in order; empty for {@code off}
 * @param adminGui Kong Manager's path ({@code admin_gui_path}), {@code admin_gui_api_url} and build directory
 * @param statusListeners Kong's status API listeners ({@code status_listen}), in order; empty for {@code off}
 */
public record HttpSettings(
        List<Listener> proxyListeners,
        List<Listener> adminListeners,
        List<String> adminGuiUrl,
        List<String> adminAllowedHosts,
        @Nullable ServerTls defaultCertificate,
        UpstreamKeepalive upstreamKeepalive,
        EdgeSettings edge,
        @Nullable AccessLogWriter proxyAccessLog,
        @Nullable AccessLogWriter adminAccessLog,
        List<Listener> adminGuiListeners,
        AdminGuiSettings adminGui,
        List<Listener> statusListeners) {

    public HttpSettings {
        proxyListeners = List.copyOf(proxyListeners);
        adminListeners = List.copyOf(adminListeners);
        adminGuiUrl = List.copyOf(adminGuiUrl);
        adminAllowedHosts = List.copyOf(adminAllowedHosts);
        Objects.requireNonNull(upstreamKeepalive, "upstreamKeepalive");
        Objects.requireNonNull(edge, "edge");
        adminGuiListeners = List.copyOf(adminGuiListeners);
        Objects.requireNonNull(adminGui, "adminGui");
        statusListeners = List.copyOf(statusListeners);
        boolean ssl = proxyListeners.stream().anyMatch(Listener::ssl)
                || adminListeners.stream().anyMatch(Listener::ssl)
                || adminGuiListeners.stream().anyMatch(Listener::ssl)
                || statusListeners.stream().anyMatch(Listener::ssl);
        if (ssl && defaultCertificate == null) {
            throw new IllegalArgumentException("an ssl listener needs a default certificate");
        }
    }

    /** The proxy's addresses, in {@code proxy_listen} order. */
    public List<InetSocketAddress> proxyListen() {
        return proxyListeners.stream().map(Listener::address).toList();
    }

    /** The Admin API's addresses, in {@code admin_listen} order. */
    public List<InetSocketAddress> adminListen() {
        return adminListeners.stream().map(Listener::address).toList();
    }
}
