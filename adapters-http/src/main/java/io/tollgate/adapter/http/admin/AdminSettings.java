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
 */
public record AdminSettings(List<String> adminGuiUrl, List<String> adminAllowedHosts) {

    /** Only {@code admin_gui_url}, no extra allowed hosts. */
    public AdminSettings(List<String> adminGuiUrl) {
        this(adminGuiUrl, List.of());
    }

    public AdminSettings {
        adminGuiUrl = List.copyOf(adminGuiUrl);
        adminAllowedHosts = List.copyOf(adminAllowedHosts);
    }
}
