package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Kong's {@code spec/03-plugins/31-proxy-cache/01-schema_spec.lua}: defaults and the fields' checks. */
@ExtendWith(BundledCatalog.class)
class ProxyCacheSchemaTest {

    static Map<String, Object> valid(Map<String, Object> config) {
        return DefinitionsTest.config(DefinitionsTest.validate("proxy-cache", config));
    }

    static Map<String, Object> errors(Map<String, Object> config) {
        return DefinitionsTest.violation("proxy-cache", config);
    }

    @Test
    void accepts_the_minimum_config_with_kongs_defaults() {
        assertThat(valid(Map.of("strategy", "memory")))
                .containsEntry("response_code", List.of(200L, 301L, 404L))
                .containsEntry("request_method", List.of("GET", "HEAD"))
                .containsEntry("content_type", List.of("text/plain", "application/json"))
                .containsEntry("cache_ttl", 300L)
                .containsEntry("cache_control", false)
                .containsEntry("ignore_uri_case", false)
                .containsEntry("storage_ttl", null)
                .containsEntry("vary_query_params", null)
                .containsEntry("vary_headers", null)
                .containsEntry("memory", Map.of("dictionary_name", "kong_db_cache"))
                .containsEntry("response_headers", Map.of("age", true, "X-Cache-Status", true, "X-Cache-Key", true));
    }

    @Test
    void strategy_is_required_and_only_memory_is_served() {
        assertThat(errors(Map.of())).containsEntry("config", Map.of("strategy", "required field missing"));
        assertThat(errors(Map.of("strategy", "redis")))
                .containsEntry("config", Map.of("strategy", "expected one of: memory"));
    }

    @Test
    void errors_with_invalid_response_codes_and_ttls() {
        assertThat(errors(Map.of("strategy", "memory", "response_code", List.of(99))))
                .containsEntry("config", Map.of("response_code", List.of("value should be between 100 and 900")));
        assertThat(errors(Map.of("strategy", "memory", "response_code", List.of())))
                .containsEntry("config", Map.of("response_code", "length must be at least 1"));
        assertThat(errors(Map.of("strategy", "memory", "cache_ttl", -1)))
                .containsEntry("config", Map.of("cache_ttl", "value must be greater than 0"));
        assertThat(errors(Map.of("strategy", "memory", "request_method", List.of("DELETE"))))
                .containsEntry(
                        "config", Map.of("request_method", List.of("expected one of: HEAD, GET, POST, PATCH, PUT")));
    }

    @Test
    void accepts_vary_fields_and_switching_response_headers_off() {
        Map<String, Object> config = valid(Map.of(
                "strategy",
                "memory",
                "vary_query_params",
                List.of("foo"),
                "vary_headers",
                List.of("X-Tenant"),
                "response_headers",
                Map.of("age", false),
                "memory",
                Map.of("dictionary_name", "my_cache")));
        assertThat(config)
                .containsEntry("vary_query_params", List.of("foo"))
                .containsEntry("vary_headers", List.of("X-Tenant"))
                .containsEntry("memory", Map.of("dictionary_name", "my_cache"))
                .containsEntry("response_headers", Map.of("age", false, "X-Cache-Status", true, "X-Cache-Key", true));
    }
}
