package io.tollgate.domain.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PluginsTest {

    private static Map<String, Object> plugin(Map<String, Object> input) {
        Map<String, Object> m = new HashMap<>(input);
        m.put("id", UUID.randomUUID().toString());
        return m;
    }

    @Test
    void fills_the_config_defaults_of_the_named_plugin() {
        var input = plugin(Map.of("name", "key-auth"));
        var fields = Schemas.forInput(Plugins.SCHEMA, input).validate(input);
        @SuppressWarnings("unchecked")
        var config = (Map<String, Object>) fields.get("config");
        assertThat(config)
                .containsEntry("key_names", List.of("apikey"))
                .containsEntry("hide_credentials", false)
                .containsEntry("key_in_query", true);
        assertThat(fields)
                .containsEntry("enabled", true)
                .containsEntry("protocols", List.of("grpc", "grpcs", "http", "https"));
    }

    @Test
    void rejects_unknown_plugins_and_unknown_config_fields_with_kong_messages() {
        assertThatThrownBy(() -> Plugins.schemaFor(Map.of("name", "nope")))
                .hasMessage(
                        "schema violation (name: plugin 'nope' not enabled; add it to the 'plugins' configuration property)");
        var input = plugin(Map.of("name", "request-termination", "config", Map.of("status_code", 99, "x", 1)));
        assertThatThrownBy(() -> Plugins.schemaFor(input).validate(input))
                .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                    assertThat(e.fields()).containsKey("config");
                    assertThat(e.getMessage())
                            .isEqualTo("2 schema violations (config.status_code: value should be "
                                    + "between 100 and 599; config.x: unknown field)");
                });
    }

    @Test
    void request_termination_config_validator_fails_config_as_a_whole_with_kong_messages() {
        Map<Map<String, Object>, String> cases = Map.of(
                Map.of("message", "error", "body", "test"), "message cannot be used with content_type or body",
                Map.of("message", "error", "content_type", "text/html"),
                        "message cannot be used with content_type or body",
                Map.of("content_type", "text/html"), "content_type requires a body",
                Map.of("echo", true, "body", "test"), "echo cannot be used with content_type and body");
        cases.forEach((config, message) -> {
            var input = plugin(Map.of("name", "request-termination", "config", config));
            assertThatThrownBy(() -> Plugins.schemaFor(input).validate(input))
                    .isInstanceOfSatisfying(SchemaViolation.class, e -> {
                        assertThat(e.fields()).isEqualTo(Map.of("config", message));
                        assertThat(e.getMessage()).isEqualTo("schema violation (config: " + message + ")");
                    });
        });
    }

    @Test
    void request_termination_trigger_is_a_header_name_as_kong_types_it() {
        var input = plugin(Map.of("name", "request-termination", "config", Map.of("trigger", "x trigger")));
        assertThatThrownBy(() -> Plugins.schemaFor(input).validate(input))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .isEqualTo(Map.of(
                                        "config",
                                        Map.of(
                                                "trigger",
                                                "bad header name 'x trigger', allowed characters are A-Z, a-z, "
                                                        + "0-9, '_', and '-'"))));
        var valid = plugin(Map.of("name", "request-termination", "config", Map.of("trigger", "X-Trigger_1")));
        Plugins.schemaFor(valid).validate(valid);
    }

    @Test
    void refuses_a_consumer_scope_for_key_auth() {
        var input = plugin(Map.of(
                "name", "key-auth", "consumer", Map.of("id", UUID.randomUUID().toString())));
        assertThatThrownBy(() -> Plugins.schemaFor(input).validate(input))
                .hasMessage("schema violation (consumer: value must be null)");
    }

    @Test
    void orders_plugins_by_priority() {
        assertThat(PluginCatalog.all())
                .extracting(PluginDefinition::name)
                .containsExactly("correlation-id", "key-auth", "request-termination");
    }
}
