package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.RedisConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One rate-limiting instance's config, read once per instance ({@link PerConfig}).
 *
 * @param periods the configured windows, shortest first
 * @param limits their limits
 * @param limitTexts their limits as the headers write them ({@link RateLimitVerdict#number})
 * @param limitBy who is counted
 * @param headerName the header of {@code limit_by = header}
 * @param path the path of {@code limit_by = path}
 * @param policy where the counters are
 * @param faultTolerant whether unavailable counters let the request through
 * @param hideClientHeaders whether the rate-limit headers are left out
 * @param errorCode the status of a refused request
 * @param errorMessage its message
 * @param redis the server of the {@code redis} policy, or {@code null} when the config names no host
 * @param syncRate Kong's {@code sync_rate}, in seconds: -1 for the {@code redis} policy's atomic increment per
 *     request, otherwise how often the node syncs its counts with Redis
 */
record RateLimitSettings(
        RatePeriod[] periods,
        double[] limits,
        String[] limitTexts,
        LimitBy limitBy,
        @Nullable String headerName,
        @Nullable String path,
        Policy policy,
        boolean faultTolerant,
        boolean hideClientHeaders,
        int errorCode,
        String errorMessage,
        @Nullable RedisConfig redis,
        double syncRate) {

    /** Kong's {@code limit_by}. */
    enum LimitBy {
        CONSUMER,
        CREDENTIAL,
        IP,
        SERVICE,
        HEADER,
        PATH
    }

    /** Kong's {@code policy}. */
    enum Policy {
        LOCAL,
        CLUSTER,
        REDIS
    }

    /** Reads a validated config. */
    static RateLimitSettings of(PluginConfig config) {
        List<RatePeriod> periods = new ArrayList<>();
        List<Double> limits = new ArrayList<>();
        for (RatePeriod period : RatePeriod.ALL) {
            if (config.values().get(period.kongName()) instanceof Number limit) {
                periods.add(period);
                limits.add(limit.doubleValue());
            }
        }
        return new RateLimitSettings(
                periods.toArray(RatePeriod[]::new),
                limits.stream().mapToDouble(Double::doubleValue).toArray(),
                limits.stream().map(RateLimitVerdict::number).toArray(String[]::new),
                LimitBy.valueOf(config.string("limit_by", "consumer").toUpperCase(Locale.ROOT)),
                config.string("header_name"),
                config.string("path"),
                Policy.valueOf(config.string("policy", "local").toUpperCase(Locale.ROOT)),
                config.bool("fault_tolerant", true),
                config.bool("hide_client_headers", false),
                config.integer("error_code", 429),
                config.string("error_message", RateLimitingSchema.DEFAULT_MESSAGE),
                config.values().get("redis") instanceof Map<?, ?> redis ? RedisConfig.of(redis) : null,
                config.values().get("sync_rate") instanceof Number rate ? rate.doubleValue() : -1);
    }

    /** Whether the {@code redis} policy counts each request in Redis at once ({@code sync_rate} below 0). */
    boolean synchronous() {
        return syncRate < 0;
    }

    /** How often the {@code redis} policy's batches are synced, in milliseconds (at least 20, Kong's minimum). */
    long syncIntervalMillis() {
        return Math.max(20, Math.round(syncRate * 1000));
    }
}
