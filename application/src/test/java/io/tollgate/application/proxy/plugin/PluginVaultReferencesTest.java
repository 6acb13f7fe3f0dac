package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.bundled.BundledPlugins;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.vault.EnvVault;
import io.tollgate.application.vault.VaultSecrets;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.vault.Vaults;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Referenceable plugin config fields: resolved into the plugins index, unset when not, rotated with a ttl. */
class PluginVaultReferencesTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final AtomicLong now = new AtomicLong();
    private final Map<String, String> vars = new ConcurrentHashMap<>();
    private final EnvVault env = new EnvVault(vars::get);
    private final PluginsHolder holder =
            new PluginsHolder(store, new VaultSecrets(store, List.of(env), text -> null, now::get), now::get);

    @BeforeEach
    void bundled() {
        PluginCatalog.enable(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
    }

    @AfterEach
    void restore() {
        PluginCatalog.enable(PluginCatalog.bundled());
    }

    private Map<String, @Nullable Object> config(String name) {
        return holder.current()
                .lookup(name, null, null, null, true)
                .map(Plugin::config)
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private Map<String, @Nullable Object> redis() {
        return (Map<String, @Nullable Object>) config("rate-limiting").get("redis");
    }

    @Test
    void http_log_endpoint_and_header_values_and_rate_limiting_redis_password_are_resolved_in_the_index() {
        vars.put("LOG_ENDPOINT", "http://127.0.0.1:9/logs");
        vars.put("LOG_TOKEN", "Bearer t0ken");
        vars.put("REDIS_PASSWORD", "pa55");
        Entity log = Entities.plugin(
                "http-log",
                Map.of(
                        "http_endpoint",
                        "{vault://env/log-endpoint}",
                        "headers",
                        Map.of("Authorization", "{vault://env/log-token}", "X-Plain", "plain")),
                Map.of());
        store.add(log);
        store.add(Entities.plugin(
                "rate-limiting",
                Map.of(
                        "minute",
                        5,
                        "policy",
                        "redis",
                        "redis",
                        Map.of("host", "localhost", "password", "{vault://env/redis-password}")),
                Map.of()));
        holder.rebuild();

        assertThat(config("http-log"))
                .containsEntry("http_endpoint", "http://127.0.0.1:9/logs")
                .containsEntry("headers", Map.of("Authorization", "Bearer t0ken", "X-Plain", "plain"));
        assertThat(redis()).containsEntry("password", "pa55");
        assertThat(store.find(Plugins.SCHEMA, log.id()).orElseThrow().get("config"))
                .asString()
                .contains("{vault://env/log-endpoint}");
    }

    @Test
    void an_unresolved_reference_leaves_the_field_unset_and_a_ttl_retries_it() {
        store.add(Entities.of(
                Vaults.SCHEMA, Map.of("prefix", "short", "name", "env", "config", Map.of("ttl", 10, "neg_ttl", 1))));
        store.add(Entities.plugin(
                "rate-limiting",
                Map.of(
                        "minute",
                        5,
                        "policy",
                        "redis",
                        "redis",
                        Map.of("host", "localhost", "password", "{vault://short/redis-password}")),
                Map.of()));
        holder.rebuild();
        assertThat(redis()).containsEntry("password", null);
        assertThat(holder.rotateIfDue()).isFalse();

        vars.put("REDIS_PASSWORD", "later");
        now.addAndGet(1_000_000_000L);
        assertThat(holder.rotateIfDue()).isTrue();
        assertThat(redis()).containsEntry("password", "later");
    }
}
