package io.tollgate.adapter.http.gui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code kconfig.js}: the script Kong Manager's {@code index.html} loads first, setting
 * {@code window.K_CONFIG} to Kong's fields, every value a string ({@code ''} when unset; Kong Manager parses each one
 * as JSON when it can): {@code ADMIN_GUI_URL} ({@code admin_gui_url}, comma-separated), {@code ADMIN_GUI_PATH},
 * {@code ADMIN_API_URL} ({@code admin_gui_api_url}), {@code ADMIN_API_PORT} and {@code ADMIN_API_SSL_PORT} (the
 * first plain and the first {@code ssl} Admin API listener's port), {@code KONG_VERSION}, {@code KONG_EDITION}
 * ({@code community}) and {@code ANONYMOUS_REPORTS} ({@code false}: Tollgate sends none).
 *
 * @param adminGuiUrl {@code admin_gui_url}
 * @param path {@code admin_gui_path}
 * @param apiUrl {@code admin_gui_api_url}, or {@code null}
 * @param apiPort the plain Admin API port, or {@code null} if none
 * @param apiSslPort the TLS Admin API port, or {@code null} if none
 * @param version the version {@code GET /} reports
 */
public record KongManagerConfig(
        List<String> adminGuiUrl,
        String path,
        @Nullable String apiUrl,
        @Nullable Integer apiPort,
        @Nullable Integer apiSslPort,
        String version) {

    /** The fields by name, in Kong's order. */
    public Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("ADMIN_GUI_URL", String.join(", ", adminGuiUrl));
        fields.put("ADMIN_GUI_PATH", path);
        fields.put("ADMIN_API_URL", apiUrl == null ? "" : apiUrl);
        fields.put("ADMIN_API_PORT", apiPort == null ? "" : apiPort.toString());
        fields.put("ADMIN_API_SSL_PORT", apiSslPort == null ? "" : apiSslPort.toString());
        fields.put("KONG_VERSION", version);
        fields.put("KONG_EDITION", "community");
        fields.put("ANONYMOUS_REPORTS", "false");
        return fields;
    }

    /** The script: {@code window.K_CONFIG = {\n  'NAME': 'value',\n…\n}\n}, values escaped for a quoted JS string. */
    public String script() {
        StringBuilder js = new StringBuilder("window.K_CONFIG = {\n");
        var entries = fields().entrySet().iterator();
        while (entries.hasNext()) {
            var entry = entries.next();
            js.append("  '")
                    .append(entry.getKey())
                    .append("': '")
                    .append(escape(entry.getValue()))
                    .append('\'');
            js.append(entries.hasNext() ? ",\n" : "\n");
        }
        return js.append("}\n").toString();
    }

    private static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\'', '\\' -> out.append('\\').append(c);
                case '<' -> out.append("\\x3c");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
