package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.RedisConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One response-ratelimiting instance's config, read once per instance ({@link PerConfig}).
 *
 * @param headerName the upstream's header carrying the units to count ({@code header_name}, e.g.
 *     {@code x-kong-limit})
 * @param limitBy who is counted: {@code CONSUMER}, {@code CREDENTIAL} or {@code IP}
 * @param policy where the counters are
 * @param faultTolerant whether unavailable counters let the request through
 * @param blockOnFirstViolation whether a request is refused in {@code access} once any limit is used up
 * @param hideClientHeaders whether the {@code X-RateLimit-*} response headers are left out
 * @param limits the named limits, in the config's order
 * @param redis the server of the {@code redis} policy, or {@code null} when the config names no host
 */
record ResponseLimitSettings(
        String headerName,
        RateLimitSettings.LimitBy limitBy,
        RateLimitSettings.Policy policy,
        boolean faultTolerant,
        boolean blockOnFirstViolation,
        boolean hideClientHeaders,
        Limit[] limits,
        @Nullable RedisConfig redis) {

    /**
     * One named limit (a key of {@code config.limits}) and its windows.
     *
     * @param name the limit's name, as the upstream's header names it
     * @param periods its windows, shortest first
     * @param values the limit of each window
     */
    record Limit(String name, RatePeriod[] periods, double[] values) {}

    /** Reads a validated config. */
    static ResponseLimitSettings of(PluginConfig config) {
        List<Limit> limits = new ArrayList<>();
        if (config.values().get("limits") instanceof Map<?, ?> configured) {
            configured.forEach((name, value) -> {
                if (value instanceof Map<?, ?> windows) {
                    limits.add(limit(String.valueOf(name), windows));
                }
            });
        }
        return new ResponseLimitSettings(
                config.string("header_name", "x-kong-limit"),
                RateLimitSettings.LimitBy.valueOf(
                        config.string("limit_by", "consumer").toUpperCase(Locale.ROOT)),
                RateLimitSettings.Policy.valueOf(
                        config.string("policy", "local").toUpperCase(Locale.ROOT)),
                config.bool("fault_tolerant", true),
                config.bool("block_on_first_violation", false),
                config.bool("hide_client_headers", false),
                limits.toArray(Limit[]::new),
                config.values().get("redis") instanceof Map<?, ?> redis ? RedisConfig.of(redis) : null);
    }

    private static Limit limit(String name, Map<?, ?> windows) {
        List<RatePeriod> periods = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (RatePeriod period : RatePeriod.ALL) {
            if (windows.get(period.kongName()) instanceof Number value) {
                periods.add(period);
                values.add(value.doubleValue());
            }
        }
        return new Limit(
                name,
                periods.toArray(RatePeriod[]::new),
                values.stream().mapToDouble(Double::doubleValue).toArray());
    }
}
