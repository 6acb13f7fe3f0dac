package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One rate-limiting instance's config, read once per instance ({@link PerConfig}).
 *
 * @param periods the configured windows, shortest first
 * @param limits their limits
 * @param limitBy who is counted
 * @param headerName the header of {@code limit_by = header}
 * @param path the path of {@code limit_by = path}
 * @param policy where the counters are
 * @param faultTolerant whether unavailable counters let the request through
 * @param hideClientHeaders whether the rate-limit headers are left out
 * @param errorCode the status of a refused request
 * @param errorMessage its message
 */
record RateLimitSettings(
        RatePeriod[] periods,
        double[] limits,
        LimitBy limitBy,
        @Nullable String headerName,
        @Nullable String path,
        Policy policy,
        boolean faultTolerant,
        boolean hideClientHeaders,
        int errorCode,
        String errorMessage) {

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
                LimitBy.valueOf(config.string("limit_by", "consumer").toUpperCase(Locale.ROOT)),
                config.string("header_name"),
                config.string("path"),
                Policy.valueOf(config.string("policy", "local").toUpperCase(Locale.ROOT)),
                config.bool("fault_tolerant", true),
                config.bool("hide_client_headers", false),
                config.integer("error_code", 429),
                config.string("error_message", RateLimitingSchema.DEFAULT_MESSAGE));
    }
}
