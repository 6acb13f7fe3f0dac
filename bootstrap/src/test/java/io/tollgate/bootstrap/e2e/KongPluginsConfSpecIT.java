package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.application.plugin.bundled.BundledPlugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/04-admin_api/12-plugins-conf_spec.lua} (the {@code plugins} node setting
 * as {@code GET /} reports it and as creating plugin instances sees it: 7 of its 8 cases; the one listing the
 * plugins installed by LuaRocks has no counterpart) and
 * {@code spec/02-integration/04-admin_api/23-deprecated_plugin_spec.lua} (a plugin installed but not enabled: its 2
 * cases, Kong's test plugin {@code admin-api-post-process} mapped to Tollgate's example custom plugin {@code hello},
 * its jar dropped into the node's {@code <prefix>/plugins}). The node listing {@code key-auth, basic-auth} serves the
 * class; the other settings each get their own node in their one case. Kong's cases create global plugins; here each
 * is scoped to a service of its own so the cases stay independent.
 */
class KongPluginsConfSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess listed;

    @BeforeAll
    static void start() throws Exception {
        listed = NodeProcess.start("plugins-listed", dir, Map.of("plugins", "key-auth, basic-auth"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (listed != null) {
            listed.close();
        }
    }

    private static Set<String> availableOnServer(NodeProcess node) {
        Http.Response res = get(node.admin() + "/");
        assertThat(res.status()).isEqualTo(200);
        JsonNode available = res.json().path("plugins").path("available_on_server");
        assertThat(available.isObject()).as(res.body()).isTrue();
        Set<String> names = new HashSet<>();
        available.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String service(String admin) {
        String name = "svc-" + UUID.randomUUID();
        Http.Response res = post(admin + "/services", "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:9\"}");
        assertThat(res.status()).as(res.body()).isEqualTo(201);
        return res.json().path("id").asText();
    }

    private static Http.Response plugin(String admin, String name) {
        return post(admin + "/plugins", "{\"name\":\"" + name + "\",\"service\":{\"id\":\"" + service(admin) + "\"}}");
    }

    private static NodeProcess withHelloJar(String name, Map<String, String> settings) throws Exception {
        Path plugins = Files.createDirectories(dir.resolve(name).resolve("plugins"));
        Files.copy(CustomPluginNodeIT.helloJar(), plugins.resolve("hello-plugin.jar"));
        return NodeProcess.start(name, dir, settings);
    }

    /** 12-plugins-conf_spec.lua: "with 'plugins=bundled'" "all bundled plugins are enabled". */
    @Test
    void all_bundled_plugins_are_enabled() throws Exception {
        Set<String> bundled = BundledPlugins.all().stream()
                .map(plugin -> plugin.definition().name())
                .collect(Collectors.toSet());
        try (NodeProcess node = NodeProcess.start("plugins-bundled", dir, Map.of("plugins", "bundled"))) {
            assertThat(availableOnServer(node)).hasSameSizeAs(bundled).isEqualTo(bundled);
        }
    }

    /** 12-plugins-conf_spec.lua: "with 'plugins=off'" "no plugin is loaded". */
    @Test
    void no_plugin_is_loaded() throws Exception {
        try (NodeProcess node = NodeProcess.start("plugins-off", dir, Map.of("plugins", "off"))) {
            assertThat(availableOnServer(node)).isEmpty();
        }
    }

    /** 12-plugins-conf_spec.lua: "with 'plugins=off, key-auth'" "no plugin is loaded". */
    @Test
    void no_plugin_is_loaded_when_off_comes_first() throws Exception {
        try (NodeProcess node = NodeProcess.start("plugins-off-first", dir, Map.of("plugins", "off, key-auth"))) {
            assertThat(availableOnServer(node)).isEmpty();
        }
    }

    /**
     * 12-plugins-conf_spec.lua: "with plugins='key-auth, off, basic-auth" "loads only key-auth and basic-auth
     * plugins".
     */
    @Test
    void loads_only_key_auth_and_basic_auth_plugins() throws Exception {
        try (NodeProcess node =
                NodeProcess.start("plugins-off-inside", dir, Map.of("plugins", "key-auth, off, basic-auth"))) {
            assertThat(availableOnServer(node)).containsExactlyInAnyOrder("key-auth", "basic-auth");
        }
    }

    /**
     * 12-plugins-conf_spec.lua: "with a plugin list in conf, admin API" "returns 201 for plugins included in the
     * list".
     */
    @Test
    void returns_201_for_plugins_included_in_the_list() {
        Http.Response keyAuth = plugin(listed.admin(), "key-auth");
        assertThat(keyAuth.status()).as(keyAuth.body()).isEqualTo(201);
        Http.Response basicAuth = plugin(listed.admin(), "basic-auth");
        assertThat(basicAuth.status()).as(basicAuth.body()).isEqualTo(201);
    }

    /**
     * 12-plugins-conf_spec.lua: "with a plugin list in conf, admin API" "returns 400 for plugins not included in
     * the list".
     */
    @Test
    void returns_400_for_plugins_not_included_in_the_list() {
        Http.Response res = plugin(listed.admin(), "rate-limiting");
        assertThat(res.status()).as(res.body()).isEqualTo(400);
    }

    /** 12-plugins-conf_spec.lua: "with a plugin list in conf, admin API" "update updated_at after config changed". */
    @Test
    void update_updated_at_after_config_changed() {
        Http.Response created = plugin(listed.admin(), "basic-auth");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long updatedAt = created.json().path("updated_at").asLong();
        // Kong's case sleeps a second; here we wait for the clock to pass the second the plugin was written in
        await().atMost(Duration.ofSeconds(5)).until(() -> Instant.now().getEpochSecond() > updatedAt);
        Http.Response patched = Http.send(
                "PATCH",
                listed.admin() + "/plugins/" + created.json().path("id").asText(),
                "{\"config\":{\"hide_credentials\":true}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().path("updated_at").asLong()).isGreaterThan(updatedAt);
    }

    /** 23-deprecated_plugin_spec.lua: "deprecated not enabled plugins" "POST" "returns 400 on non enabled plugin". */
    @Test
    void returns_400_on_non_enabled_plugin() throws Exception {
        try (NodeProcess node = withHelloJar("plugins-hello-off", Map.of())) {
            Http.Response res = post(node.admin() + "/plugins", "{\"name\":\"hello\"}");
            assertThat(res.status()).as(res.body()).isEqualTo(400);
            assertThat(res.json()).isEqualTo(Http.JSON.readTree("""
                            {"code":2,"name":"schema violation",
                             "message":"schema violation (name: plugin 'hello' not enabled; add it to the 'plugins' \
                            configuration property)",
                             "fields":{"name":"plugin 'hello' not enabled; add it to the 'plugins' configuration \
                            property"}}
                            """));
        }
    }

    /** 23-deprecated_plugin_spec.lua: "deprecated enabled plugins" "GET" "returns 201 for enabled plugin". */
    @Test
    void returns_201_for_enabled_plugin() throws Exception {
        try (NodeProcess node = withHelloJar("plugins-hello-on", Map.of("plugins", "bundled, hello"))) {
            Http.Response res = post(node.admin() + "/plugins", "{\"name\":\"hello\"}");
            assertThat(res.status()).as(res.body()).isEqualTo(201);
        }
    }
}
