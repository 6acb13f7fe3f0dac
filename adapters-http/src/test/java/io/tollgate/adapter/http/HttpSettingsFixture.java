package io.tollgate.adapter.http;

import io.tollgate.adapter.http.edge.EdgeSettings;
import java.net.InetSocketAddress;
import java.util.List;

/** {@link HttpSettings} for tests that only care where the node listens. */
public final class HttpSettingsFixture {

    private HttpSettingsFixture() {}

    /**
     * Plain-text HTTP/1.1 listeners, no {@code admin_gui_url}, no default certificate, and Kong's default upstream
     * keep-alive and edge rules.
     *
     * @param proxy the proxy's addresses (empty: {@code proxy_listen = off}); port 0 picks a free port
     * @param admin the Admin API's addresses (empty: {@code admin_listen = off})
     */
    public static HttpSettings plain(List<InetSocketAddress> proxy, List<InetSocketAddress> admin) {
        return new HttpSettings(
                Listener.plain(proxy),
                Listener.plain(admin),
                List.of(),
                List.of(),
                null,
                UpstreamKeepalive.DEFAULT,
                EdgeSettings.DEFAULTS);
    }
}
