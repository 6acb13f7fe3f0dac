package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.map;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.Errors;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kong's {@code response-ratelimiting} schema (priority 900): {@code header_name} ({@code x-kong-limit}),
 * {@code limit_by} ({@code consumer}, {@code credential} or {@code ip}; default {@code consumer}), {@code policy}
 * ({@code local}, {@code cluster}, {@code redis}; default {@code local}), {@code fault_tolerant} (true), the
 * {@code redis} record (rate-limiting's; {@code host} required with the {@code redis} policy),
 * {@code block_on_first_violation} (false), {@code hide_client_headers} (false) and {@code limits}: a map, at least one
 * entry, from a limit's name to its periods ({@code second} … {@code year}, numbers above 0, at least one, a longer
 * period never below a shorter one).
 */
final class ResponseRateLimitingSchema {

    private static final Rule POSITIVE = value -> value instanceof Number n && n.doubleValue() <= 0
            ? Optional.of("value must be greater than 0")
            : Optional.empty();

    private static final Rule NOT_EMPTY = value ->
            value instanceof Map<?, ?> m && m.isEmpty() ? Optional.of("length must be at least 1") : Optional.empty();

    static final PluginDefinition DEFINITION = new PluginDefinition(
                    "response-ratelimiting",
                    900,
                    PluginCatalog.VERSION,
                    RedisShorthands.config(
                            string("header_name").defaultValue("x-kong-limit"),
                            string("limit_by")
                                    .defaultValue("consumer")
                                    .rule(Rules.oneOf("consumer", "credential", "ip")),
                            string("policy").defaultValue("local").rule(Rules.oneOf("local", "cluster", "redis")),
                            bool("fault_tolerant").required().defaultValue(true),
                            record("redis", RateLimitingSchema.REDIS).defaultValue(Map.of()),
                            bool("block_on_first_violation").required().defaultValue(false),
                            bool("hide_client_headers").required().defaultValue(false),
                            map("limits", record("value", periods())).required().rule(NOT_EMPTY)),
                    false)
            .withEntityCheck(
                    Checks.custom(List.of("config.limits", "config.policy"), ResponseRateLimitingSchema::check));

    private ResponseRateLimitingSchema() {}

    private static RecordSchema periods() {
        List<FieldSpec> fields = new ArrayList<>();
        for (RatePeriod period : RatePeriod.ALL) {
            fields.add(number(period.kongName()).rule(POSITIVE));
        }
        return RecordSchema.of(fields.toArray(FieldSpec[]::new));
    }

    /**
     * Each limit's {@code at_least_one_of} and period order (the first failing limit's error is {@code limits}'
     * own, as Kong's map reports it); the {@code redis} policy's host.
     */
    private static void check(Map<String, ?> plugin, Errors errors) {
        if (!(plugin.get("config") instanceof Map<?, ?> config)) {
            return;
        }
        if (config.get("limits") instanceof Map<?, ?> limits) {
            for (Map.Entry<?, ?> limit : limits.entrySet()) {
                if (!(limit.getValue() instanceof Map<?, ?> periods)) {
                    continue;
                }
                boolean any = false;
                for (RatePeriod period : RatePeriod.ALL) {
                    any |= periods.get(period.kongName()) != null;
                }
                Object problem = any
                        ? RateLimitingSchema.periodOrder(periods, "the")
                        : Map.of(
                                "@entity",
                                List.of("at least one of these fields must be non-empty: 'second', 'minute', 'hour',"
                                        + " 'day', 'month', 'year'"));
                if (problem != null) {
                    // Kong's map reports its first bad value's error as its own, not under the value's key
                    errors.field("config", Map.of("limits", problem));
                    return;
                }
            }
        }
        if ("redis".equals(config.get("policy"))
                && !(config.get("redis") instanceof Map<?, ?> redis && redis.get("host") != null)) {
            errors.field("config", Map.of("redis", Map.of("host", "required field missing")));
            errors.entity("failed conditional validation given value of field 'config.policy'");
        }
    }
}
