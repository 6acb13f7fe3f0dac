package io.tollgate.bootstrap.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Kong Manager's properties ({@code admin_gui_listen}, {@code admin_gui_path}, {@code admin_gui_api_url} and
 * Tollgate's {@code admin_gui_dir}): parsed into an {@link AdminGuiConfig}, and shown back for {@code GET /}.
 */
final class GuiProperties {

    private static final Pattern PATH_CHARS = Pattern.compile("[A-Za-z0-9_\\-/]*");

    private GuiProperties() {}

    /**
     * @param values a property's resolved value (default applied), or {@code null} when unset
     * @throws ConfigException naming the first invalid property (Kong's rules for {@code admin_gui_path})
     */
    static AdminGuiConfig parse(Function<Property, @Nullable String> values, Path prefix, Consumer<String> warnings) {
        String listen = values.apply(Property.ADMIN_GUI_LISTEN);
        String path = values.apply(Property.ADMIN_GUI_PATH);
        String dir = values.apply(Property.ADMIN_GUI_DIR);
        return new AdminGuiConfig(
                listen == null ? List.of() : Listeners.parse(Property.ADMIN_GUI_LISTEN, listen, warnings),
                path == null ? "/" : path(path),
                Optional.ofNullable(values.apply(Property.ADMIN_GUI_API_URL)),
                dir == null ? prefix.resolve("gui") : dir(prefix, dir));
    }

    private static String path(String value) {
        if (!value.startsWith("/")) {
            throw ConfigException.invalid(Property.ADMIN_GUI_PATH, value, "must start with a slash ('/')");
        }
        if (value.length() > 1 && value.endsWith("/")) {
            throw ConfigException.invalid(Property.ADMIN_GUI_PATH, value, "must not end with a slash ('/')");
        }
        if (!PATH_CHARS.matcher(value).matches()) {
            throw ConfigException.invalid(
                    Property.ADMIN_GUI_PATH,
                    value,
                    "can only contain letters, digits, hyphens ('-'), underscores ('_'), and slashes ('/')");
        }
        if (value.contains("//")) {
            throw ConfigException.invalid(Property.ADMIN_GUI_PATH, value, "must not contain continuous slashes ('/')");
        }
        return value;
    }

    private static Path dir(Path prefix, String value) {
        try {
            return prefix.resolve(value).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw ConfigException.invalid(Property.ADMIN_GUI_DIR, value, "is not a valid path");
        }
    }

    /** The properties as {@code GET /} shows them, by Kong name. */
    static Map<String, @Nullable Object> shown(AdminGuiConfig gui) {
        Map<String, @Nullable Object> m = new LinkedHashMap<>();
        m.put(
                Property.ADMIN_GUI_LISTEN.key(),
                gui.listen().stream().map(Listeners::format).toList());
        m.put(Property.ADMIN_GUI_PATH.key(), gui.path());
        m.put(Property.ADMIN_GUI_API_URL.key(), gui.apiUrl().orElse(null));
        m.put(Property.ADMIN_GUI_DIR.key(), gui.dir().toString());
        return m;
    }
}
