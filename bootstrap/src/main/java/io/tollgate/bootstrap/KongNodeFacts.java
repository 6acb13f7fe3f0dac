package io.tollgate.bootstrap;

import io.tollgate.bootstrap.config.ListenEntry;
import io.tollgate.bootstrap.config.TollgateConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fields Kong derives from its configuration and shows in {@code GET /}'s {@code configuration}, which Kong
 * Manager reads: {@code database} ({@code postgres}: the embedded database is a real PostgreSQL too, and Kong Manager
 * shows its datastore card only for {@code postgres}) with Tollgate's {@code tollgate_database} keeping the configured
 * value ({@code embedded} or {@code postgres}); {@code role} ({@code traditional}); and the parsed listeners
 * {@code proxy_listeners}, {@code admin_listeners} and {@code admin_gui_listeners}, each
 * {@code {"ip", "port", "ssl", "http2", "proxy_protocol", "listener"}} as Kong's listener objects ({@code listener} is
 * {@code ip:port} followed by the flags).
 */
final class KongNodeFacts {

    private KongNodeFacts() {}

    /** Adds the fields above to {@code configuration}, replacing {@code database}. */
    static void addTo(Map<String, @Nullable Object> configuration, TollgateConfig config) {
        configuration.put("database", "postgres");
        configuration.put("tollgate_database", config.database().configValue());
        configuration.put("role", "traditional");
        configuration.put("proxy_listeners", listeners(config.proxyListen()));
        configuration.put("admin_listeners", listeners(config.adminListen()));
        configuration.put("admin_gui_listeners", listeners(config.adminGui().listen()));
    }

    private static List<Map<String, Object>> listeners(List<ListenEntry> entries) {
        return entries.stream().map(KongNodeFacts::listener).toList();
    }

    private static Map<String, Object> listener(ListenEntry entry) {
        Map<String, Object> listener = new LinkedHashMap<>();
        listener.put("ip", entry.address().getHostString());
        listener.put("port", entry.address().getPort());
        listener.put("ssl", entry.ssl());
        listener.put("http2", entry.http2());
        listener.put("proxy_protocol", entry.proxyProtocol());
        listener.put("listener", entry.toString());
        return listener;
    }
}
