package io.tollgate.adapter.http.gui;

import io.tollgate.adapter.http.Listener;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Kong's admin GUI properties: where Kong Manager is served and where its build lives.
 *
 * @param listeners {@code admin_gui_listen}, in order; empty for Kong's {@code off} (no GUI listener)
 * @param path {@code admin_gui_path}: the path the GUI is served under, {@code /} or {@code /segment[/segment…]}
 *     without a trailing slash (Kong's rule)
 * @param apiUrl {@code admin_gui_api_url}: the Admin API's URL as the browser should reach it, or {@code null} (the
 *     GUI then calls the page's own host on the Admin API's port)
 * @param dir {@code admin_gui_dir}: the directory holding the Kong Manager build ({@code index.html} and its assets)
 */
public record AdminGuiSettings(
        List<Listener> listeners, String path, @Nullable String apiUrl, Path dir) {

    /** No GUI listener. */
    public static final AdminGuiSettings OFF = new AdminGuiSettings(List.of(), "/", null, Path.of("gui"));

    public AdminGuiSettings {
        listeners = List.copyOf(listeners);
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
