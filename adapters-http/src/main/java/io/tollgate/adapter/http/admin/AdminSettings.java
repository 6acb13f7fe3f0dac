package io.tollgate.adapter.http.admin;

import java.util.List;

/**
 * What the Admin API takes from the configuration: Kong's {@code admin_gui_url}, the URLs of the browser admin GUIs
 * whose origins its CORS headers allow (empty = any origin). Provided by
 * {@link io.tollgate.adapter.http.HttpAdapterModule} from {@link io.tollgate.adapter.http.HttpSettings}.
 *
 * @param adminGuiUrl absolute {@code http(s)} URLs, in configuration order
 */
public record AdminSettings(List<String> adminGuiUrl) {

    public AdminSettings {
        adminGuiUrl = List.copyOf(adminGuiUrl);
    }
}
