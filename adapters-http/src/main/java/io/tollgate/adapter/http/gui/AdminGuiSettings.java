package io.tollgate.adapter.http.gui;

import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Kong's admin GUI properties: the path Kong Manager is served under and where its build lives (its listeners,
 * {@code admin_gui_listen}, are {@link io.tollgate.adapter.http.HttpSettings#adminGuiListeners()}).
 *
 * @param path {@code admin_gui_path}: the path the GUI is served under, {@code /} or {@code /segment[/segment…]}
 *     without a trailing slash (Kong's rule)
 * @param apiUrl {@code admin_gui_api_url}: the Admin API's URL as the browser should reach it, or {@code null} (the
 *     GUI then calls the page's own host on the Admin API's port)
 * @param dir {@code admin_gui_dir}: the directory holding the Kong Manager build ({@code index.html} and its assets)
 */
public record AdminGuiSettings(String path, @Nullable String apiUrl, Path dir) {

    /** Kong's defaults: served at {@code /} from {@code ./gui}. */
    public static final AdminGuiSettings DEFAULT = new AdminGuiSettings("/", null, Path.of("gui"));

    public AdminGuiSettings {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(dir, "dir");
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("admin_gui_path must start with '/' and not end with one: " + path);
        }
    }

    /** The path prefix the GUI's files are under: empty for {@code /}, else {@link #path()}. */
    String prefix() {
        return path.equals("/") ? "" : path;
    }
}
