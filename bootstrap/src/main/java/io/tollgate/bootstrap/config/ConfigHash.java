package io.tollgate.bootstrap.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The hash a node records of its configuration in the {@code nodes} table, so that an operator sees at a glance
 * which members run the same configuration: the first 32 hexadecimal digits of the SHA-256 of the
 * {@link TollgateConfig#sanitised() effective configuration}, one {@code key=value} line per property in
 * {@link Property} order. Secrets ({@link Property#sensitive()}) are left out, so the hash reveals nothing of them,
 * and so are the properties that differ from node to node by nature ({@code prefix}, {@code proxy_listen},
 * {@code admin_listen}, {@code node_id}, the access logs, the syslog socket, and Kong Manager's {@code admin_gui_listen},
 * {@code admin_gui_path}, {@code admin_gui_api_url} and {@code admin_gui_dir}, which change no gateway behaviour).
 */
public final class ConfigHash {

    private static final Set<Property> NODE_LOCAL = Set.of(
            Property.PREFIX,
            Property.PROXY_LISTEN,
            Property.ADMIN_LISTEN,
            Property.NODE_ID,
            Property.PROXY_ACCESS_LOG,
            Property.ADMIN_ACCESS_LOG,
            Property.PROXY_ERROR_LOG,
            Property.ADMIN_GUI_LISTEN,
            Property.ADMIN_GUI_PATH,
            Property.ADMIN_GUI_API_URL,
            Property.ADMIN_GUI_DIR,
            Property.STATUS_LISTEN,
            Property.SYSLOG_SOCKET_PATH);

    private ConfigHash() {}

    /** @return 32 lower-case hexadecimal digits */
    public static String of(TollgateConfig config) {
        return of(config.sanitised());
    }

    /**
     * The hash of a configuration as {@link TollgateConfig#sanitised()} shows it (after {@code tollgate reload}: the
     * started values with the reloaded ones, what {@code GET /} shows).
     *
     * @return 32 lower-case hexadecimal digits
     */
    public static String of(Map<String, @Nullable Object> shown) {
        StringBuilder canonical = new StringBuilder();
        for (Property property : Property.values()) {
            if (property.sensitive() || NODE_LOCAL.contains(property)) {
                continue;
            }
            canonical
                    .append(property.key())
                    .append('=')
                    .append(shown.get(property.key()))
                    .append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
