package io.tollgate.bootstrap.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Kong Manager's settings, from Kong's {@code admin_gui_*} properties ({@link GuiProperties}).
 *
 * @param listen {@code admin_gui_listen}; empty for {@code off}
 * @param path {@code admin_gui_path}, {@code /} or {@code /a[/b…]} without a trailing slash
 * @param apiUrl {@code admin_gui_api_url}, empty when unset
 * @param dir {@code admin_gui_dir}, absolute ({@code <prefix>/gui} by default)
 */
public record AdminGuiConfig(List<ListenEntry> listen, String path, Optional<String> apiUrl, Path dir) {
    public AdminGuiConfig {
        listen = List.copyOf(listen);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(apiUrl, "apiUrl");
        Objects.requireNonNull(dir, "dir");
    }
}
