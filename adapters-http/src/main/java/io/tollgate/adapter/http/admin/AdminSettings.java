package io.tollgate.adapter.http.admin;

import java.util.List;

/**
 * What the Admin API takes from the configuration: Kong's {@code admin_gui_url}, the URLs of the browser admin GUIs
 * whose origins its CORS headers allow (empty = any origin). Provided by
 * {@link io.tollgate.adapter.http.HttpAdapterModule} from {@link io.tollgate.adapter.http.HttpSettings}.
 *
 * @param adminGuiUrl absolute {@code http(s)} URLs, in configuration order
 * @param adminAllowedHosts {@code admin_allowed_hosts}: domain names the Admin API answers to beyond IP literals,
 *     loopback names and this machine's name ({@link BrowserGuard})
 * @param serverHeader whether responses carry {@code Server} (Kong's {@code headers}: {@code server_tokens} or
 *     {@code Server})
 * @param latencyHeader whether responses carry {@code X-Kong-Admin-Latency} (Kong's {@code headers}:
 *     {@code latency_tokens} or {@code X-Kong-Admin-Latency})
 */
public record AdminSettings(
        List<String> adminGuiUrl, List<String> adminAllowedHosts, boolean serverHeader, boolean latencyHeader) {

    /** Only {@code admin_gui_url}, no extra allowed hosts. */
    public AdminSettings(List<String> adminGuiUrl) {
        this(adminGuiUrl, List.of());
    }

    /** With Kong's default {@code headers}: {@code Server} and {@code X-Kong-Admin-Latency} sent. */
    public AdminSettings(List<String> adminGuiUrl, List<String> adminAllowedHosts) {
        this(adminGuiUrl, adminAllowedHosts, true, true);
    }

    public AdminSettings {
        adminGuiUrl = List.copyOf(adminGuiUrl);
        adminAllowedHosts = List.copyOf(adminAllowedHosts);
    }
}
