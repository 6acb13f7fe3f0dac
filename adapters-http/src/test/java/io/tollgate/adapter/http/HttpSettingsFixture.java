package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.Lingering;
import io.tollgate.adapter.http.gui.AdminGuiSettings;
import java.net.InetSocketAddress;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@link HttpSettings} for tests that only care where the node listens. */
public final class HttpSettingsFixture {

    private HttpSettingsFixture() {}

    /**
     * Kong's default edge rules with another body-size limit and request-head timeout.
     *
     * @param clientMaxBodySize {@code nginx_http_client_max_body_size} in bytes (0: unlimited)
     * @param clientHeaderTimeoutMs {@code nginx_http_client_header_timeout} in ms
     */
    public static EdgeSettings edge(long clientMaxBodySize, long clientHeaderTimeoutMs) {
        EdgeSettings d = EdgeSettings.DEFAULTS;
        return edge(d, clientMaxBodySize, clientHeaderTimeoutMs, d.lingering());
    }

    /**
     * {@code base} with another body-size limit, request-head timeout and lingering close.
     *
     * @param clientMaxBodySize {@code nginx_http_client_max_body_size} in bytes (0: unlimited)
     * @param clientHeaderTimeoutMs {@code nginx_http_client_header_timeout} in ms
     * @param lingering {@code nginx_http_lingering_close}, {@code _time} and {@code _timeout}
     */
    public static EdgeSettings edge(
            EdgeSettings base, long clientMaxBodySize, long clientHeaderTimeoutMs, Lingering lingering) {
        return new EdgeSettings(
                base.trustedIps(),
                base.realIpHeader(),
                base.realIpRecursive(),
                base.headers(),
                base.upstreamRequestId(),
                base.errorDefaultType(),
                clientMaxBodySize,
                base.headerBufferCount(),
                base.headerBufferSize(),
                clientHeaderTimeoutMs,
                base.clientBodyTimeoutMs(),
                base.refusePathTraversal(),
                base.allowDebugHeader(),
                base.errorTemplates(),
                base.portMaps(),
                lingering);
    }

    /** {@code base} with other edge rules. */
    public static HttpSettings withEdge(HttpSettings base, EdgeSettings edge) {
        return copy(base, edge, base.statusListeners());
    }

    private static HttpSettings copy(HttpSettings base, EdgeSettings edge, List<Listener> statusListeners) {
        return new HttpSettings(
                base.proxyListeners(),
                base.adminListeners(),
                base.adminGuiUrl(),
                base.adminAllowedHosts(),
                base.defaultCertificate(),
                base.upstreamKeepalive(),
                edge,
                base.proxyAccessLog(),
                base.adminAccessLog(),
                base.adminGuiListeners(),
                base.adminGui(),
                statusListeners);
    }

    /**
     * Plain-text HTTP/1.1 listeners, no {@code admin_gui_url}, no default certificate, and Kong's default upstream
     * keep-alive and edge rules.
     *
     * @param proxy the proxy's addresses (empty: {@code proxy_listen = off}); port 0 picks a free port
     * @param admin the Admin API's addresses (empty: {@code admin_listen = off})
     */
    public static HttpSettings plain(List<InetSocketAddress> proxy, List<InetSocketAddress> admin) {
        return plain(proxy, admin, List.of());
    }

    /** As {@link #plain(List, List)}, plus plain-text status API listeners ({@code status_listen}). */
    public static HttpSettings plain(
            List<InetSocketAddress> proxy, List<InetSocketAddress> admin, List<InetSocketAddress> status) {
        HttpSettings base = listeners(Listener.plain(proxy), Listener.plain(admin), List.of(), null);
        return copy(base, base.edge(), Listener.plain(status));
    }

    /**
     * The given listeners and {@code admin_gui_url}, Kong's default upstream keep-alive and edge rules, no access logs
     * and no admin GUI listener.
     *
     * @param proxy the proxy's listeners (empty: {@code proxy_listen = off})
     * @param admin the Admin API's listeners (empty: {@code admin_listen = off})
     * @param adminGuiUrl the allowed browser GUI origins ({@code admin_gui_url}); empty for unset
     * @param defaultCertificate the TLS listeners' certificate, required when a listener has {@code ssl}
     */
    public static HttpSettings listeners(
            List<Listener> proxy,
            List<Listener> admin,
            List<String> adminGuiUrl,
            @Nullable ServerTls defaultCertificate) {
        return new HttpSettings(
                proxy,
                admin,
                adminGuiUrl,
                List.of(),
                defaultCertificate,
                UpstreamKeepalive.DEFAULT,
                EdgeSettings.DEFAULTS,
                null,
                null,
                List.of(),
                AdminGuiSettings.DEFAULT,
                List.of());
    }
}
