package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code rate-limiting} schema (priority 910): the six limits ({@code second} … {@code year}, numbers above 0,
 * at least one, a longer period never below a shorter one), {@code limit_by} ({@code consumer}), {@code header_name}
 * and {@code path} (required with {@code limit_by} {@code header} and {@code path}), {@code policy} ({@code local},
 * {@code cluster}, {@code redis}), {@code fault_tolerant} (true), the {@code redis} record ({@code host} required with
 * the {@code redis} policy), {@code hide_client_headers} (false), {@code error_code} (429), {@code error_message}
 * ({@code "API rate limit exceeded"}) and {@code sync_rate} (-1), with Kong's deprecated flat {@code redis_*} fields
 * ({@link RedisShorthands}).
 */
final class RateLimitingSchema {

    static final String DEFAULT_MESSAGE = "API rate limit exceeded";

    private static final Rule POSITIVE = value -> value instanceof Number n && n.doubleValue() <= 0
            ? Optional.of("value must be greater than 0")
            : Optional.empty();

    /** Kong's shared {@code redis} record. */
    static final RecordSchema REDIS = RecordSchema.of(
            string("host").rule(Rules.host()),
            integer("port").defaultValue(6379L).rule(Rules.between(0, 65535)),
            integer("timeout").defaultValue(2000L).rule(Rules.between(0, 2147483646)),
            string("username").referenceable(),
            string("password").referenceable().rule(Rules.emptyAllowed()),
            integer("database").defaultValue(0L),
            bool("ssl").required().defaultValue(false),
            bool("ssl_verify").required().defaultValue(false),
            string("server_name").rule(Rules.host()));

    static final PluginDefinition DEFINITION = new PluginDefinition(
                    "rate-limiting",
                    910,
                    PluginCatalog.VERSION,
                    RedisShorthands.config(
                            limit(RatePeriod.SECOND),
                            limit(RatePeriod.MINUTE),
                            limit(RatePeriod.HOUR),
                            limit(RatePeriod.DAY),
                            limit(RatePeriod.MONTH),
                            limit(RatePeriod.YEAR),
                            string("limit_by")
                                    .defaultValue("consumer")
                                    .rule(Rules.oneOf("consumer", "credential", "ip", "service", "header", "path")),
                            string("header_name").rule(Rules.headerName()),
                            string("path").rule(Rules.path()),
                            string("policy").defaultValue("local").rule(Rules.oneOf("local", "cluster", "redis")),
                            bool("fault_tolerant").required().defaultValue(true),
                            record("redis", REDIS).defaultValue(Map.of()),
                            bool("hide_client_headers").required().defaultValue(false),
                            number("error_code").defaultValue(429.0).rule(POSITIVE),
                            string("error_message").defaultValue(DEFAULT_MESSAGE),
                            number("sync_rate").required().defaultValue(-1.0)),
                    false)
            .withEntityCheck(Checks.custom(
                    List.of(
                            "config.second",
                            "config.minute",
                            "config.hour",
                            "config.day",
                            "config.month",
                            "config.year",
                            "config.limit_by",
                            "config.policy"),
                    RateLimitingSchema::check));

    private RateLimitingSchema() {}

    private static FieldSpec limit(RatePeriod period) {
        return number(period.kongName()).rule(POSITIVE);
    }

    /** Kong's {@code entity_checks} and the config's {@code custom_validator} (period order). */
    private static void check(Map<String, ?> plugin, Errors errors) {
        if (!(plugin.get("config") instanceof Map<?, ?> config)) {
            return;
        }
        boolean any = false;
        for (RatePeriod period : RatePeriod.ALL) {
            any |= config.get(period.kongName()) != null;
        }
        if (!any) {
            errors.entity("at least one of these fields must be non-empty: 'config.second', 'config.minute',"
                    + " 'config.hour', 'config.day', 'config.month', 'config.year'");
            return;
        }
        String order = periodOrder(config, "The");
        if (order != null) {
            errors.field("config", order);
            return;
        }
        requiredWhen(config, errors, "limit_by", "header", Map.of("header_name", "required field missing"));
        requiredWhen(config, errors, "limit_by", "path", Map.of("path", "required field missing"));
        if ("redis".equals(config.get("policy"))
                && !(config.get("redis") instanceof Map<?, ?> redis && redis.get("host") != null)) {
            errors.field("config", Map.of("redis", Map.of("host", "required field missing")));
            errors.entity("failed conditional validation given value of field 'config.policy'");
        }
    }

    private static void requiredWhen(
            Map<?, ?> config, Errors errors, String field, String value, Map<String, ?> missing) {
        String needed = missing.keySet().iterator().next();
        if (value.equals(config.get(field)) && config.get(needed) == null) {
            errors.field("config", missing);
            errors.entity("failed conditional validation given value of field 'config." + field + "'");
        }
    }

    /**
     * Kong's message for the first longer period whose limit is below a shorter one's, or {@code null}.
     *
     * @param config the periods' limits by Kong's period names
     * @param article how the message starts: rate-limiting says {@code The}, response-ratelimiting {@code the}
     */
    static @Nullable String periodOrder(Map<?, ?> config, String article) {
        for (int i = 0; i < RatePeriod.ALL.length; i++) {
            if (!(config.get(RatePeriod.ALL[i].kongName()) instanceof Number lower)) {
                continue;
            }
            for (int j = i + 1; j < RatePeriod.ALL.length; j++) {
                if (config.get(RatePeriod.ALL[j].kongName()) instanceof Number upper
                        && upper.doubleValue() < lower.doubleValue()) {
                    return String.format(
                            Locale.ROOT,
                            "%s limit for %s(%.1f) cannot be lower than the limit for %s(%.1f)",
                            article,
                            RatePeriod.ALL[j].kongName(),
                            upper.doubleValue(),
                            RatePeriod.ALL[i].kongName(),
                            lower.doubleValue());
                }
            }
        }
        return null;
    }
}
