package io.tollgate.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TollgateConfigTest {
    private static final Map<String, String> ENV = Map.ofEntries(
            Map.entry("TOLLGATE_PG_PASSWORD", "hunter2"),
            Map.entry("TOLLGATE_DATABASE", "postgres"),
            Map.entry("TOLLGATE_PG_SCHEMA", "gateway"),
            Map.entry("TOLLGATE_DB_UPDATE_FREQUENCY", "0.5"),
            Map.entry("TOLLGATE_DB_CACHE_TTL", "60"),
            Map.entry("TOLLGATE_MEM_CACHE_SIZE", "1536k"),
            Map.entry("TOLLGATE_PROXY_LISTEN", "0.0.0.0:8000, [::1]:8000"),
            Map.entry("TOLLGATE_ADMIN_LISTEN", "off"),
            Map.entry("TOLLGATE_LOG_LEVEL", "warn"));

    private final TollgateConfig config = new ConfigLoader(ENV, List.of(), w -> {}).load(null);

    @Test
    void sanitisedListsEveryPropertyInOrderAndMasksThePassword() {
        Map<String, Object> shown = config.sanitised();

        assertThat(shown.keySet())
                .containsExactlyElementsOf(
                        Arrays.stream(Property.values()).map(Property::key).toList());
        assertThat(shown)
                .contains(
                        entry("database", "postgres"),
                        entry("pg_host", "127.0.0.1"),
                        entry("pg_port", 5432),
                        entry("pg_password", "******"),
                        entry("pg_schema", "gateway"),
                        entry("pg_timeout", 5000L),
                        entry("proxy_listen", List.of("0.0.0.0:8000", "[0:0:0:0:0:0:0:1]:8000")),
                        entry("admin_listen", List.of()),
                        entry("db_update_frequency", 0.5),
                        entry("db_update_propagation", 0L),
                        entry("event_log_retention", 2_592_000L),
                        entry("db_cache_ttl", 60L),
                        entry("db_cache_neg_ttl", 60L),
                        entry("mem_cache_size", "1536k"),
                        entry("log_level", "warn"));
        assertThat(shown.values()).doesNotContain("hunter2");
    }

    @Test
    void unsetOptionalPropertiesShowAsNull() {
        Map<String, Object> shown = TollgateConfig.defaults().sanitised();

        assertThat(shown)
                .containsEntry("pg_password", null)
                .containsEntry("pg_schema", null)
                .containsEntry("mem_cache_size", "128m")
                .containsEntry("db_update_frequency", 5L)
                .containsEntry("upstream_keepalive_pool_size", 512)
                .containsEntry("upstream_keepalive_max_requests", 10000)
                .containsEntry("upstream_keepalive_idle_timeout", 60L);
    }

    @Test
    void toStringNeverRevealsThePassword() {
        assertThat(config.pgPassword()).contains("hunter2");
        assertThat(config.toString()).doesNotContain("hunter2").contains("pg_password=******");
    }

    @Test
    void listsAreImmutable() {
        assertThat(config.proxyListen()).isUnmodifiable();
        assertThat(config.sanitised()).isUnmodifiable();
    }
}
