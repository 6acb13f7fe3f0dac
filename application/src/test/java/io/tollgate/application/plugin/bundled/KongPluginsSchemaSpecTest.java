package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.plugin.PluginScope;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The cases of Kong's {@code spec/01-unit/01-db/01-schema/07-plugins_spec.lua}, against {@link Plugins#schemaFor} with
 * the bundled plugins enabled. Kong 3.x's plugin schemas are the contract where the spec's revision is older: key-auth
 * also has {@code key_in_header}, {@code key_in_query} and {@code realm}, and response-transformer renames JSON keys
 * too. All 11 cases are ported.
 */
@ExtendWith(BundledCatalog.class)
class KongPluginsSchemaSpecTest {

    /** Kong's {@code process_auto_fields(…, "insert")} then {@code validate}: a fresh id, then the plugin's schema. */
    private static Map<String, @Nullable Object> insert(Object... pairs) {
        Map<String, @Nullable Object> input = new HashMap<>();
        input.put("id", UUID.randomUUID().toString());
        for (int i = 0; i < pairs.length; i += 2) {
            input.put((String) pairs[i], pairs[i + 1]);
        }
        return Plugins.schemaFor(input).validate(input);
    }

    private static Map<String, Object> refusal(Object... pairs) {
        SchemaViolation e = catchThrowableOfType(SchemaViolation.class, () -> insert(pairs));
        assertThat(e).as("refused: %s", List.of(pairs)).isNotNull();
        return e.fields();
    }

    private static Map<String, String> scope() {
        return Map.of("id", UUID.randomUUID().toString());
    }

    /** The config of a validated plugin. */
    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> config(Map<String, @Nullable Object> plugin) {
        return (Map<String, @Nullable Object>) plugin.get("config");
    }

    /** 07-plugins_spec: "has a cache_key". */
    @Test
    void has_a_cache_key() {
        assertThat(Plugins.SCHEMA.cacheKeyFields()).containsExactly("name", "route", "service", "consumer");
        assertThat(Plugins.schemaFor(Map.of("name", "key-auth")).cacheKeyFields())
                .containsExactly("name", "route", "service", "consumer");
    }

    /** 07-plugins_spec: "should not validate if the plugin doesn't exist (not installed)". */
    @Test
    void should_not_validate_if_the_plugin_doesnt_exist_not_installed() {
        assertThat(refusal("name", "world domination"))
                .isEqualTo(Map.of(
                        "name",
                        "plugin 'world domination' not enabled; add it to the 'plugins' configuration property"));
    }

    /** 07-plugins_spec: "should validate a plugin configuration's `config` field". */
    @Test
    void should_validate_a_plugin_configurations_config_field() {
        var plugin =
                insert("name", "key-auth", "service", scope(), "config", Map.of("key_names", List.of("x-kong-key")));
        assertThat(config(plugin)).containsEntry("key_names", List.of("x-kong-key"));

        assertThat(refusal("name", "rate-limiting", "service", scope(), "config", Map.of("second", "hello")))
                .isEqualTo(Map.of("config", Map.of("second", "expected a number")));
    }

    /**
     * 07-plugins_spec: "should produce a base config if none is specified and the config field does not have a
     * top-level default".
     */
    @Test
    void should_produce_a_base_config_if_none_is_specified_and_the_config_field_does_not_have_a_top_level_default() {
        Map<String, @Nullable Object> expected = new HashMap<>();
        expected.put("key_names", List.of("apikey"));
        expected.put("hide_credentials", false);
        expected.put("anonymous", null);
        expected.put("key_in_header", true);
        expected.put("key_in_query", true);
        expected.put("key_in_body", false);
        expected.put("run_on_preflight", true);
        expected.put("realm", null);
        assertThat(config(insert("name", "key-auth", "service", scope()))).isEqualTo(expected);
    }

    /**
     * 07-plugins_spec: "should be valid if no value is specified for a subfield and if the config schema has default
     * as empty array".
     */
    @Test
    void should_be_valid_if_no_value_is_specified_for_a_subfield_and_if_the_config_schema_has_default_as_empty_array() {
        List<Object> none = List.of();
        var typed = Map.of("headers", none, "json", none, "json_types", none);
        assertThat(config(insert("name", "response-transformer", "service", scope())))
                .isEqualTo(Map.of(
                        "remove", Map.of("headers", none, "json", none),
                        "rename", Map.of("headers", none, "json", none),
                        "replace", typed,
                        "add", typed,
                        "append", typed));
    }

    /** The bundled plugins plus a test plugin {@code name} that refuses {@code scope}, enabled. */
    private static void enableRefusing(String name, PluginScope scope) {
        List<PluginDefinition> enabled = new ArrayList<>(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
        enabled.add(new PluginDefinition(
                        name, 1, "1.0.0", RecordSchema.of(string("string").required()), false)
                .refusing(scope));
        PluginCatalog.enable(enabled);
    }

    /** A plugin refusing {@code scope}: refused when scoped so, accepted with a null scope. */
    private static void assertRefused(String name, PluginScope scope) {
        enableRefusing(name, scope);
        String field = scope.field();
        assertThat(refusal("name", name, field, scope(), "config", Map.of("string", "foo")))
                .isEqualTo(Map.of(field, "value must be null"));
        assertThat(insert("name", name, field, null, "config", Map.of("string", "foo")))
                .containsEntry(field, null)
                .containsEntry("config", Map.of("string", "foo"));
    }

    /** 07-plugins_spec: "no_route". */
    @Test
    void no_route() {
        assertRefused("with-no-route", PluginScope.ROUTE);
    }

    /** 07-plugins_spec: "no_service". */
    @Test
    void no_service() {
        assertRefused("with-no-service", PluginScope.SERVICE);
    }

    /** 07-plugins_spec: "no_consumer". */
    @Test
    void no_consumer() {
        assertRefused("with-no-consumer", PluginScope.CONSUMER);
    }

    /** 07-plugins_spec: "accepts a plugin if configured for route". */
    @Test
    void accepts_a_plugin_if_configured_for_route() {
        var route = scope();
        assertThat(insert("name", "key-auth", "route", route)).containsEntry("route", route);
    }

    /** 07-plugins_spec: "accepts a plugin if configured for service". */
    @Test
    void accepts_a_plugin_if_configured_for_service() {
        var service = scope();
        assertThat(insert("name", "key-auth", "service", service)).containsEntry("service", service);
    }

    /** 07-plugins_spec: "accepts a plugin if configured for consumer". */
    @Test
    void accepts_a_plugin_if_configured_for_consumer() {
        var consumer = scope();
        var plugin = insert("name", "rate-limiting", "consumer", consumer, "config", Map.of("second", 1));
        assertThat(plugin).containsEntry("consumer", consumer);
        assertThat(config(plugin)).containsEntry("second", 1.0);
    }
}
