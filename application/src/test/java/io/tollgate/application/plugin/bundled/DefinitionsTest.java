package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.net.LuaUrl;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.plugin.PluginScope;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The access-control and browser plugins' schemas: Kong's defaults, priorities and messages. */
@ExtendWith(BundledCatalog.class)
class DefinitionsTest {

    static Map<String, Object> validate(String name, Map<String, Object> config) {
        Map<String, Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        input.put("name", name);
        input.put("config", config);
        return Plugins.schemaFor(input).validate(input);
    }

    static Map<String, Object> violation(String name, Map<String, Object> config) {
        try {
            validate(name, config);
        } catch (SchemaViolation e) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) (Map<String, ?>) e.fields();
            return fields;
        }
        throw new AssertionError("accepted " + config);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> config(Map<String, Object> fields) {
        return (Map<String, Object>) fields.get("config");
    }

    @Test
    void priorities_are_kongs() {
        assertThat(BundledPlugins.all().stream().map(TollgatePlugin::definition))
                .extracting(PluginDefinition::name, PluginDefinition::priority)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("bot-detection", 2500),
                        org.assertj.core.groups.Tuple.tuple("cors", 2000),
                        org.assertj.core.groups.Tuple.tuple("ip-restriction", 990),
                        org.assertj.core.groups.Tuple.tuple("request-size-limiting", 951),
                        org.assertj.core.groups.Tuple.tuple("redirect", 779),
                        org.assertj.core.groups.Tuple.tuple("proxy-cache", 100));
        assertThat(Cors.DEFINITION.noConsumer()).isTrue();
    }

    /**
     * The scopes each bundled plugin refuses, as Kong 3.x's plugin schemas declare them: the authentication plugins,
     * acl, cors and bot-detection have {@code typedefs.no_consumer}; none has {@code no_route} or {@code no_service}.
     */
    @Test
    void scope_refusals_are_kongs() {
        Map<String, java.util.Set<PluginScope>> refused = new HashMap<>();
        BundledPlugins.all().stream()
                .map(TollgatePlugin::definition)
                .forEach(d -> refused.put(d.name(), d.refusedScopes()));
        List<String> noConsumer = List.of("acl", "basic-auth", "bot-detection", "cors", "hmac-auth", "jwt", "key-auth");
        refused.forEach((name, scopes) -> assertThat(scopes)
                .as(name)
                .isEqualTo(noConsumer.contains(name) ? java.util.Set.of(PluginScope.CONSUMER) : java.util.Set.of()));
        Map<String, Object> input = new HashMap<>();
        input.put("name", "bot-detection");
        input.put("consumer", Map.of("id", UUID.randomUUID().toString()));
        assertThatThrownBy(() -> Plugins.schemaFor(input).validate(input))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).isEqualTo(Map.of("consumer", "value must be null")));
    }

    @Test
    void ip_restriction_needs_a_list_of_valid_entries() {
        assertThat(validate(
                        "ip-restriction",
                        Map.of("allow", List.of("127.0.0.1", "127.0.0.2"), "status", 403, "message", "Forbidden")))
                .isNotNull();
        validate("ip-restriction", Map.of("allow", List.of("127.0.0.1/8")));
        validate("ip-restriction", Map.of("allow", List.of("::/0", "::/1", "::/128")));
        assertThat(violation("ip-restriction", Map.of("deny", List.of(), "allow", List.of())))
                .containsEntry(
                        "@entity",
                        List.of("at least one of these fields must be non-empty: 'config.allow', 'config.deny'"));
        assertThat(violation("ip-restriction", Map.of())).containsKey("@entity");
        assertThat(IpRestriction.DEFINITION.entityChecks())
                .extracting(io.tollgate.domain.schema.Check::declaration)
                .as("Kong's ip-restriction schema declares this entity check")
                .containsExactly(Map.of("at_least_one_of", List.of("config.allow", "config.deny")));
        assertThat(config(violation("ip-restriction", Map.of("allow", 12))))
                .containsEntry("allow", "expected an array");
        assertThat(config(violation("ip-restriction", Map.of("deny", List.of("hello"))))
                        .toString())
                .contains("invalid ip or cidr range: 'hello'");
        assertThat(config(violation("ip-restriction", Map.of("allow", List.of("0.0.0.0/33", "::1/129"))))
                        .toString())
                .contains("invalid ip or cidr range: '0.0.0.0/33'")
                .contains("invalid ip or cidr range: '::1/129'");
    }

    @Test
    void request_size_limiting_defaults_and_units() {
        Map<String, Object> config = config(validate("request-size-limiting", Map.of()));
        assertThat(config)
                .containsEntry("allowed_payload_size", 128L)
                .containsEntry("size_unit", "megabytes")
                .containsEntry("require_content_length", false);
        assertThat(config(violation("request-size-limiting", Map.of("size_unit", "gigabytes"))))
                .containsEntry("size_unit", "expected one of: megabytes, kilobytes, bytes");
    }

    @Test
    void cors_defaults_and_messages() {
        Map<String, Object> config = config(validate("cors", Map.of()));
        assertThat(config)
                .containsEntry("methods", Cors.METHODS)
                .containsEntry("credentials", false)
                .containsEntry("private_network", false)
                .containsEntry("preflight_continue", false)
                .containsEntry("allow_origin_absent", true);
        assertThat(config(violation("cors", Map.of("origins", List.of("*", "(bad"))))
                        .toString())
                .contains("'(bad' is not a valid regex");
        assertThat(config(violation("cors", Map.of("methods", List.of("FETCH"))))
                        .toString())
                .contains("expected one of: GET, HEAD, PUT, PATCH, POST, DELETE, OPTIONS, TRACE, CONNECT");
    }

    @Test
    void redirect_needs_a_url() {
        assertThat(config(validate("redirect", Map.of("location", "https://example.com"))))
                .containsEntry("status_code", 301L)
                .containsEntry("keep_incoming_path", false);
        assertThat(config(violation("redirect", Map.of("status_code", 301))))
                .containsEntry("location", "required field missing");
        assertThat(config(violation("redirect", Map.of("location", "definitely_not_a_url"))))
                .containsEntry("location", "missing host in url");
        assertThat(config(violation("redirect", Map.of("location", "https://example.com", "status_code", 600))))
                .containsEntry("status_code", "value should be between 100 and 599");
        assertThat(config(violation("redirect", Map.of("location", "https://example.com", "status_code", "abcd"))))
                .containsEntry("status_code", "expected an integer");
        assertThat(config(violation("redirect", Map.of("location", "https://example.com", "keep_incoming_path", "x"))))
                .containsEntry("keep_incoming_path", "expected a boolean");
        // Kong's released schema (3.9+) has keep_incoming_path only: the pre-release incoming_path is unknown there
        assertThat(config(violation("redirect", Map.of("location", "https://example.com", "incoming_path", "merge"))))
                .containsEntry("incoming_path", "unknown field");
    }

    @Test
    void lua_urls_split_and_build_like_luasocket() {
        LuaUrl url = LuaUrl.parse("https://example.com/some_path?foo=bar");
        assertThat(url).isEqualTo(new LuaUrl("https", "example.com", null, "/some_path", "foo=bar"));
        assertThat(new LuaUrl("https", "example.com", null, "/status/200", "keep=this").build())
                .isEqualTo("https://example.com/status/200?keep=this");
        assertThat(new LuaUrl("http", "::1", "8000", "/", null).build()).isEqualTo("http://[::1]:8000/");
        assertThat(LuaUrl.parse("http://user@[::1]:80").host()).isEqualTo("::1");
        assertThat(LuaUrl.parse("example.test").host()).isNull();
        assertThat(LuaUrl.parse("foo.test:8000").scheme()).isEqualTo("foo.test");
    }

    @Test
    void request_size_units() {
        assertThat(RequestSizeLimiting.allowedBytes(new io.tollgate.application.plugin.spi.PluginConfig(
                        RequestSizeLimiting.DEFINITION.config().validate(Map.of()))))
                .isEqualTo(128.0 * 1024 * 1024);
        assertThat(RequestSizeLimiting.allowedBytes(
                        new io.tollgate.application.plugin.spi.PluginConfig(RequestSizeLimiting.DEFINITION
                                .config()
                                .validate(Map.of("allowed_payload_size", 10, "size_unit", "kilobytes")))))
                .isEqualTo(10240.0);
        assertThatThrownBy(() -> validate("nope", Map.of())).isInstanceOf(SchemaViolation.class);
    }
}
