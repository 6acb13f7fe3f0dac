package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisCounters;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginDefinition;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code response-ratelimiting} (priority 900): limits what the upstream says a request cost. Each named limit
 * of {@code config.limits} counts, per identifier ({@code limit_by}: the consumer, falling back to the credential,
 * then the client IP) and plugin instance (its route and service, as Kong keys the counters), in fixed UTC windows, the units the upstream reports in its
 * {@code header_name} response header ({@code x-kong-limit: video=2, image=1}).
 *
 * <ul>
 *   <li>{@code access}: reads each window's usage; sends the upstream {@code X-RateLimit-Remaining-<name>} (the least
 *       remaining of the limit's windows); with {@code block_on_first_violation}, a limit used up refuses the request
 *       with Kong's 429 {@code "API rate limit exceeded for '<name>'"}.
 *   <li>{@code headerFilter} (on the upstream's head, before any of its body is sent; on a generated response
 *       too, as Kong's): parses the upstream's header (several headers are joined; unknown names and malformed
 *       parts are ignored), removes it, and sets {@code X-RateLimit-Limit-<name>-<period>} and
 *       {@code X-RateLimit-Remaining-<name>-<period>} (remaining after this response's units, never below 0) unless
 *       {@code hide_client_headers}. When a limit this response uses was already used up, the client gets Kong's 429
 *       instead, with the upstream's other headers and {@code Content-Length: 0}, and nothing is counted;
 *       otherwise each limit's units are added to its windows, in memory ({@code local}) or queued for the
 *       {@code cluster} policy's next batch. Kong adds them later, in {@code log}, so its next request may not see
 *       them yet; Tollgate's next request does.
 *   <li>{@code bodyFilter}: drops a refused response's body. Framed with {@code Content-Length: 0}, the 429 goes
 *       out complete at once and the upstream's body is not read at all (its connection is closed): unlike Kong, which
 *       reads it to its end, an endless upstream stream does not hold the client's 429 back;
 *       any other response streams to the client untouched, not even copied ({@code filtersBody} is false).
 * </ul>
 *
 * <p>Policies and outages are rate-limiting's ({@link RateLimiting}): {@code fault_tolerant} proxies without
 * counting, otherwise Kong's 500; the {@code redis} policy counts in Redis in batches every 100 ms (as rate-limiting's
 * with a {@code sync_rate}), so a cluster may overshoot as with {@code cluster}. The {@code cluster} counters share rate-limiting's table, their period named
 * {@code <name>_<period>} as in Kong's counter keys.
 */
public final class ResponseRateLimiting implements TollgatePlugin {

    private static final String STATE = "tollgate.response-ratelimiting";

    private final LongSupplier clock;

    /** The plugin on the system clock. */
    public ResponseRateLimiting() {
        this(System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds */
    ResponseRateLimiting(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public PluginDefinition definition() {
        return ResponseRateLimitingSchema.DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(clock, environment.rateLimitCounters(), environment.redisCounters());
    }

    /** What {@code access} read, for the later phases of the same request. */
    private static final class Usage {
        final ResponseLimitSettings conf;
        final CounterKey[][] keys;
        final long[][] remaining;
        final long now;
        /** Set by {@code headerFilter} when the response became Kong's 429. */
        boolean refused;

        Usage(ResponseLimitSettings conf, CounterKey[][] keys, long[][] remaining, long now) {
            this.conf = conf;
            this.keys = keys;
            this.remaining = remaining;
            this.now = now;
        }
    }

    /** One node's response rate limiter. */
    static final class Handler implements PluginHandler {

        private final LongSupplier clock;
        private final PerConfig<ResponseLimitSettings> settings = new PerConfig<>(4096, ResponseLimitSettings::of);
        private final RatePolicies policies;

        Handler(LongSupplier clock, @Nullable RateLimitCounters shared, @Nullable RedisCounters redis) {
            this.clock = clock;
            this.policies = new RatePolicies(clock, shared, redis);
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            ResponseLimitSettings conf = settings.get(config);
            ResponseLimitSettings.Limit[] limits = conf.limits();
            if (limits.length == 0) {
                return DONE;
            }
            long now = clock.getAsLong();
            String identifier = identifier(context, conf);
            CounterKey[][] keys = new CounterKey[limits.length][];
            long[][] remaining = new long[limits.length][];
            try {
                for (int l = 0; l < limits.length; l++) {
                    keys[l] = keys(config, identifier, limits[l], now);
                    long[] used = counters(conf).read(keys[l], now);
                    remaining[l] = new long[used.length];
                    for (int p = 0; p < used.length; p++) {
                        remaining[l][p] = (long) limits[l].values()[p] - used[p];
                    }
                }
            } catch (RateCounters.Unavailable e) {
                if (!conf.faultTolerant()) {
                    context.exitWithMessage(500, RateLimiting.UNEXPECTED, Map.of());
                }
                return DONE; // fault tolerant: proxied, nothing counted
            }
            for (int l = 0; l < limits.length; l++) {
                long least = Long.MAX_VALUE;
                for (long left : remaining[l]) {
                    if (conf.blockOnFirstViolation() && left <= 0) {
                        context.exitWithMessage(
                                429, "API rate limit exceeded for '" + limits[l].name() + "'", Map.of());
                        return DONE;
                    }
                    least = Math.min(least, left);
                }
                context.setHeader("X-RateLimit-Remaining-" + limits[l].name(), Long.toString(least));
            }
            context.shared().put(STATE, new Usage(conf, keys, remaining, now));
            return DONE;
        }

        /**
         * Kong's {@code header_filter}: the upstream's units, the client's headers, and the verdict (counted, or
         * refused with 429 and an empty body, which {@link #bodyFilter} then drops while the head goes out with
         * {@code Content-Length: 0}).
         */
        @Override
        public void headerFilter(PluginContext context, PluginConfig config) {
            if (!(context.shared().get(STATE) instanceof Usage usage)) {
                return;
            }
            ResponseLimitSettings conf = usage.conf;
            ResponseLimitSettings.Limit[] limits = conf.limits();
            long[] units = ResponseLimitUnits.parse(context.responseHeaderValues(conf.headerName()), limits);
            boolean refused = false;
            for (int l = 0; l < limits.length; l++) {
                for (int p = 0; p < limits[l].periods().length; p++) {
                    long left = usage.remaining[l][p];
                    if (!conf.hideClientHeaders()) {
                        String suffix = limits[l].name() + "-" + limits[l].periods()[p].kongName();
                        context.setResponseHeader(
                                "X-RateLimit-Limit-" + suffix,
                                RateLimitVerdict.number(limits[l].values()[p]));
                        context.setResponseHeader(
                                "X-RateLimit-Remaining-" + suffix, Long.toString(Math.max(0, left - units[l])));
                    }
                    refused |= units[l] > 0 && left <= 0;
                }
            }
            context.removeResponseHeader(conf.headerName());
            if (refused) {
                usage.refused = true;
                context.setResponseStatus(429);
                context.setResponseHeader("Content-Length", "0");
            } else {
                count(usage, units);
            }
        }

        /** Only a refused response's body is filtered (dropped); every other one streams past the plugin. */
        @Override
        public boolean filtersBody(PluginContext context, PluginConfig config) {
            return refused(context);
        }

        /** Kong's {@code body_filter}: a refused response's body never reaches the client. */
        @Override
        public ByteBuffer bodyFilter(PluginContext context, PluginConfig config, ByteBuffer chunk, boolean last) {
            return refused(context) ? ByteBuffer.allocate(0) : chunk;
        }

        private static boolean refused(PluginContext context) {
            return context.shared().get(STATE) instanceof Usage usage && usage.refused;
        }

        /** Adds each limit's units to its windows (nothing is lost but a failed write of the cluster policy). */
        private void count(Usage usage, long[] units) {
            try {
                RateCounters counters = counters(usage.conf);
                for (int l = 0; l < usage.keys.length; l++) {
                    if (units[l] != 0) {
                        for (CounterKey key : usage.keys[l]) {
                            counters.add(key, units[l], usage.now);
                        }
                    }
                }
            } catch (RateCounters.Unavailable e) {
                // lost, as Kong's failed increment; the counters log the outage once per interval
            }
        }

        private RateCounters counters(ResponseLimitSettings conf) throws RateCounters.Unavailable {
            return policies.counters(conf.policy(), conf.redis(), RateLimiting.SYNC_INTERVAL);
        }

        /**
         * One counter per window of {@code limit}, for the instance's route and service (Kong's
         * {@code get_service_and_route_ids(conf)}); Kong names its period {@code <name>_<period>}.
         */
        private static CounterKey[] keys(
                PluginConfig config, String identifier, ResponseLimitSettings.Limit limit, long now) {
            UUID routeId = config.routeId();
            UUID serviceId = config.serviceId();
            RatePeriod[] periods = limit.periods();
            CounterKey[] keys = new CounterKey[periods.length];
            for (int p = 0; p < periods.length; p++) {
                long start = periods[p].start(now);
                keys[p] = new CounterKey(
                        routeId,
                        serviceId,
                        identifier,
                        limit.name() + "_" + periods[p].kongName(),
                        start,
                        periods[p].end(start));
            }
            return keys;
        }

        /** Kong's {@code get_identifier} for this plugin: each choice falls back to the client's (forwarded) IP. */
        private static String identifier(PluginContext context, ResponseLimitSettings conf) {
            UUID credential = context.credential();
            String identifier = switch (conf.limitBy()) {
                case CONSUMER ->
                    context.consumer() != null
                            ? context.consumer().id().value().toString()
                            : credential == null ? null : credential.toString();
                case CREDENTIAL -> credential == null ? null : credential.toString();
                case IP, SERVICE, HEADER, PATH -> null;
            };
            return identifier == null ? context.clientIp() : identifier;
        }
    }
}
