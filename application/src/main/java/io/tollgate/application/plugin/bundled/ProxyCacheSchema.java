package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kong's {@code proxy-cache} schema (priority 100): {@code response_code} (integers 100–900, at least one; default
 * {@code [200, 301, 404]}), {@code request_method} ({@code HEAD}, {@code GET}, {@code POST}, {@code PATCH},
 * {@code PUT}; default {@code ["GET", "HEAD"]}), {@code content_type} (default {@code ["text/plain",
 * "application/json"]}), {@code cache_ttl} (seconds above 0; 300), {@code strategy} (required; {@code memory}, the
 * only strategy of Kong's open-source plugin: anything else gets Kong's {@code expected one of: memory}),
 * {@code cache_control} (false), {@code ignore_uri_case} (false), {@code storage_ttl} (seconds, optional),
 * {@code memory.dictionary_name} ({@code kong_db_cache}; accepted, every instance shares the node's one store),
 * {@code vary_query_params}, {@code vary_headers} and {@code response_headers} ({@code age}, {@code X-Cache-Status},
 * {@code X-Cache-Key}: whether each diagnostic header is sent; all true).
 */
final class ProxyCacheSchema {

    static final String NAME = "proxy-cache";

    private static final Rule NOT_EMPTY = value ->
            value instanceof List<?> l && l.isEmpty() ? Optional.of("length must be at least 1") : Optional.empty();

    private static final Rule POSITIVE = value -> value instanceof Number n && n.longValue() <= 0
            ? Optional.of("value must be greater than 0")
            : Optional.empty();

    static final PluginDefinition DEFINITION = new PluginDefinition(
            NAME,
            100,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    array("response_code", integer("response_code").rule(Rules.between(100, 900)))
                            .required()
                            .defaultValue(List.of(200L, 301L, 404L))
                            .rule(NOT_EMPTY),
                    array(
                                    "request_method",
                                    string("request_method").rule(Rules.oneOf("HEAD", "GET", "POST", "PATCH", "PUT")))
                            .required()
                            .defaultValue(List.of("GET", "HEAD")),
                    array("content_type", string("content_type"))
                            .required()
                            .defaultValue(List.of("text/plain", "application/json")),
                    integer("cache_ttl").defaultValue(300L).rule(POSITIVE),
                    string("strategy").required().rule(Rules.oneOf("memory")),
                    bool("cache_control").required().defaultValue(false),
                    bool("ignore_uri_case").defaultValue(false),
                    integer("storage_ttl"),
                    record(
                                    "memory",
                                    RecordSchema.of(
                                            string("dictionary_name").required().defaultValue("kong_db_cache")))
                            .defaultValue(Map.of()),
                    array("vary_query_params", string("vary_query_params")),
                    array("vary_headers", string("vary_headers")),
                    record(
                                    "response_headers",
                                    RecordSchema.of(
                                            bool("age").defaultValue(true),
                                            bool("X-Cache-Status").defaultValue(true),
                                            bool("X-Cache-Key").defaultValue(true)))
                            .defaultValue(Map.of())),
            false);

    private ProxyCacheSchema() {}
}
