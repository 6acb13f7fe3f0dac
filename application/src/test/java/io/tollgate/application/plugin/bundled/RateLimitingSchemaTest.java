package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's {@code spec/03-plugins/23-rate-limiting/01-schema_spec.lua}, the defaults and the other fields' checks. */
class RateLimitingSchemaTest {

    @BeforeEach
    void enableBundled() {
        PluginCatalog.enable(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
    }

    @AfterEach
    void restore() {
        PluginCatalog.enable(PluginCatalog.bundled());
    }

    static Map<String, Object> valid(Map<String, Object> config) {
        return DefinitionsTest.config(DefinitionsTest.validate("rate-limiting", config));
    }

    static Map<String, Object> errors(Map<String, Object> config) {
        return DefinitionsTest.violation("rate-limiting", config);
    }

    /** Kong's redis record declares its {@code password} with {@code len_min = 0}, as the flat shorthand does. */
    @Test
    void an_empty_redis_password_is_a_value() {
        @SuppressWarnings("unchecked")
        Map<String, Object> redis =
                (Map<String, Object>) valid(Map.of("minute", 6, "redis", Map.of("host", "127.0.0.1", "password", "")))
                        .get("redis");
        assertThat(redis).containsEntry("password", "");
        assertThat(valid(Map.of("minute", 6, "redis_password", ""))).containsKey("redis");
        assertThat(errors(Map.of("minute", 6, "redis", Map.of("username", ""))).toString())
                .contains("length must be at least 1");
    }

    @Test
    void proper_configs_validate_with_kongs_defaults() {
        assertThat(valid(Map.of("second", 10)))
                .containsEntry("second", 10.0)
                .containsEntry("minute", null)
                .containsEntry("limit_by", "consumer")
                .containsEntry("policy", "local")
                .containsEntry("fault_tolerant", true)
                .containsEntry("hide_client_headers", false)
                .containsEntry("error_code", 429.0)
                .containsEntry("error_message", "API rate limit exceeded")
                .containsEntry("sync_rate", -1.0);
        @SuppressWarnings("unchecked")
        Map<String, Object> redis =
                (Map<String, Object>) valid(Map.of("second", 10)).get("redis");
        assertThat(redis)
                .containsEntry("host", null)
                .containsEntry("port", 6379L)
                .containsEntry("timeout", 2000L)
                .containsEntry("database", 0L)
                .containsEntry("ssl", false)
                .containsEntry("ssl_verify", false)
                .containsEntry("username", null)
                .containsEntry("password", null)
                .containsEntry("server_name", null);
        valid(Map.of("second", 10, "minute", 20, "hour", 30, "day", 40, "month", 50, "year", 60));
        valid(Map.of("second", 10, "limit_by", "header", "header_name", "X-App-Version"));
        valid(Map.of("hour", 10, "limit_by", "path", "path", "/v1"));
        valid(Map.of(
                "hour",
                10,
                "policy",
                "redis",
                "redis",
                Map.of(
                        "host",
                        "redis.test",
                        "port",
                        6380,
                        "timeout",
                        100,
                        "username",
                        "u",
                        "password",
                        "p",
                        "database",
                        2,
                        "ssl",
                        true,
                        "ssl_verify",
                        true,
                        "server_name",
                        "redis.test")));
    }

    @Test
    void a_longer_period_may_not_have_a_lower_limit() {
        assertThat(errors(Map.of("second", 20, "hour", 10)))
                .containsEntry("config", "The limit for hour(10.0) cannot be lower than the limit for second(20.0)");
        assertThat(errors(Map.of("second", 10, "minute", 20, "hour", 30, "day", 40, "month", 60, "year", 50)))
                .containsEntry("config", "The limit for year(50.0) cannot be lower than the limit for month(60.0)");
    }

    @Test
    void at_least_one_limit() {
        assertThat(errors(Map.of()))
                .containsEntry(
                        "@entity",
                        List.of("at least one of these fields must be non-empty: 'config.second', 'config.minute',"
                                + " 'config.hour', 'config.day', 'config.month', 'config.year'"));
    }

    @Test
    void header_name_path_and_redis_host_are_required_when_chosen() {
        Map<String, Object> config = new HashMap<>(Map.of("second", 10, "limit_by", "header"));
        assertThat(errors(config)).containsEntry("config", Map.of("header_name", "required field missing"));
        assertThat(errors(Map.of("second", 10, "limit_by", "path")))
                .containsEntry("config", Map.of("path", "required field missing"))
                .containsEntry(
                        "@entity", List.of("failed conditional validation given value of field 'config.limit_by'"));
        assertThat(errors(Map.of("second", 10, "policy", "redis")))
                .containsEntry("config", Map.of("redis", Map.of("host", "required field missing")));
    }

    @Test
    void values_are_checked() {
        assertThat(DefinitionsTest.config(errors(Map.of("second", 0))))
                .containsEntry("second", "value must be greater than 0");
        assertThat(DefinitionsTest.config(errors(Map.of("second", 1, "error_code", -1))))
                .containsEntry("error_code", "value must be greater than 0");
        assertThat(DefinitionsTest.config(errors(Map.of("second", 1, "limit_by", "nobody"))))
                .containsKey("limit_by");
        assertThat(DefinitionsTest.config(errors(Map.of("second", 1, "policy", "memcached"))))
                .containsKey("policy");
        assertThat(DefinitionsTest.config(errors(Map.of("second", 1, "redis", Map.of("port", 70000)))))
                .containsKey("redis");
    }

    @Test
    void kongs_deprecated_flat_redis_fields_set_the_redis_record_and_are_shown_again() {
        Map<String, Object> config = valid(Map.of(
                "minute", 5, "policy", "redis", "redis_host", "redis.test", "redis_port", 6380, "redis_ssl", true));
        @SuppressWarnings("unchecked")
        Map<String, Object> redis = (Map<String, Object>) config.get("redis");
        assertThat(redis)
                .containsEntry("host", "redis.test")
                .containsEntry("port", 6380L)
                .containsEntry("ssl", true)
                .containsEntry("timeout", 2000L);
        assertThat(config)
                .containsEntry("redis_host", "redis.test")
                .containsEntry("redis_port", 6380L)
                .containsEntry("redis_ssl", true)
                .containsEntry("redis_timeout", 2000L)
                .containsEntry("redis_database", 0L)
                .containsEntry("redis_ssl_verify", false)
                .containsEntry("redis_password", null)
                .containsEntry("redis_username", null)
                .containsEntry("redis_server_name", null);
        assertThat(valid(Map.of("second", 1, "redis_host", "h", "redis", Map.of("host", "h"))))
                .as("the same value in both places")
                .containsEntry("redis_host", "h");
        assertThat(valid(Map.of("second", 1)))
                .as("shown with the record's defaults when not given")
                .containsEntry("redis_port", 6379L)
                .containsEntry("redis_host", null);
    }

    @Test
    void a_flat_redis_field_at_odds_with_the_record_or_of_the_wrong_type_is_refused_under_its_own_name() {
        assertThat(errors(Map.of("second", 1, "redis_host", "a", "redis", Map.of("host", "b"))))
                .containsEntry(
                        "config",
                        Map.of(
                                "redis_host",
                                "both deprecated and new field are used but their values mismatch:"
                                        + " redis_host = a vs redis.host = b"));
        assertThat(errors(Map.of("second", 1, "redis_port", 1, "redis", Map.of("port", 2))))
                .containsEntry(
                        "config",
                        Map.of(
                                "redis_port",
                                "both deprecated and new field are used but their values mismatch:"
                                        + " redis_port = 1 vs redis.port = 2"));
        assertThat(errors(Map.of("second", 1, "redis_port", "six")))
                .containsEntry("config", Map.of("redis_port", "expected an integer"));
        assertThat(errors(Map.of("second", 1, "redis_ssl", "yes")))
                .containsEntry("config", Map.of("redis_ssl", "expected a boolean"));
        assertThat(errors(Map.of("second", 1, "redis_port", 70000)))
                .as("the record's own rules apply to the translated value")
                .containsEntry("config", Map.of("redis", Map.of("port", "value should be between 0 and 65535")));
    }
}
