package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisCounters;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.service.Service;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code rate-limiting} (priority 910, kong-internals §9.3): counts the requests of an identifier
 * ({@code limit_by}: the consumer, falling back to the credential, then the client IP; the credential; the IP; the
 * service; a header's value; the {@code path} when the request's path equals it — each falling back to the client IP)
 * per plugin instance (its route and service, as Kong keys its counters: a service's instance counts the requests of
 * all its routes together, a global one every request) in fixed UTC windows, and refuses the request with {@code error_code} and
 * {@code error_message} once a window's limit is reached. The headers are {@link RateLimitVerdict}'s.
 *
 * <p>Policies: {@code local} ({@link LocalCounters}, this node's memory), {@code cluster} ({@link ClusterCounters}, the
 * database shared by the nodes, written in batches off the request path), {@code redis} ({@link RedisPolicy}: counted
 * atomically in Redis per request with {@code sync_rate = -1}, batched otherwise). When the counters are unavailable
 * (their back-end is down or too slow), {@code fault_tolerant} proxies the request without headers; otherwise it gets
 * Kong's {@code 500 "An unexpected error occurred"}.
 */
public final class RateLimiting implements TollgatePlugin {

    static final String UNEXPECTED = "An unexpected error occurred";

    /** The most counters the {@code local} policy holds at once. */
    static final int LOCAL_CAPACITY = 1_000_000;

    /** How often the {@code cluster} policy writes and reads its counters, in milliseconds. */
    static final long SYNC_INTERVAL = 100;

    private final LongSupplier clock;

    /** The plugin on the system clock. */
    public RateLimiting() {
        this(System::currentTimeMillis);
    }

    /** @param clock epoch milliseconds */
    RateLimiting(LongSupplier clock) {
        this.clock = clock;
    }

    @Override
    public PluginDefinition definition() {
        return RateLimitingSchema.DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(clock, environment.rateLimitCounters(), environment.redisCounters());
    }

    /**
     * One node's rate limiter: its local counters, once a {@code cluster} instance asks its cluster view, and its
     * {@code redis} policy (asynchronous with {@code sync_rate = -1}: the access phase completes when Redis answered).
     */
    static final class Handler implements PluginHandler {

        private final LongSupplier clock;
        private final PerConfig<RateLimitSettings> settings = new PerConfig<>(4096, RateLimitSettings::of);
        /** Each authenticated consumer's id as text, kept per {@link Consumer} instance (shared while it is cached). */
        private final IdentityMemo<Consumer, String> consumerIds = new IdentityMemo<>(Authentication.CONSUMERS_KEPT);

        private final RatePolicies policies;

        Handler(LongSupplier clock, @Nullable RateLimitCounters shared, @Nullable RedisCounters redis) {
            this.clock = clock;
            this.policies = new RatePolicies(clock, shared, redis);
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            RateLimitSettings conf = settings.get(config);
            long now = clock.getAsLong();
            // Kong's get_service_and_route_ids(conf): the instance's scope, so a service's instance counts all its
            // routes
            UUID routeId = config.routeId();
            UUID serviceId = config.serviceId();
            String identifier = identifier(context, conf);
            RatePeriod[] periods = conf.periods();
            CounterKey[] keys = new CounterKey[periods.length];
            long[] ends = new long[periods.length];
            for (int i = 0; i < periods.length; i++) {
                long start = periods[i].start(now);
                ends[i] = periods[i].end(start);
                keys[i] = new CounterKey(routeId, serviceId, identifier, periods[i].kongName(), start, ends[i]);
            }
            if (conf.policy() == RateLimitSettings.Policy.REDIS && conf.synchronous()) {
                return policies.redis().acquire(conf, keys).handle((before, error) -> {
                    if (error != null) {
                        unavailable(context, conf);
                    } else {
                        apply(context, conf, ends, before, now);
                    }
                    return null;
                });
            }
            long[] before;
            try {
                before = counters(conf).acquire(keys, conf.limits(), now);
            } catch (RateCounters.Unavailable e) {
                unavailable(context, conf);
                return DONE;
            }
            apply(context, conf, ends, before, now);
            return DONE;
        }

        /** Kong's answer when the counters cannot be reached: proxied without headers, or its 500. */
        private static void unavailable(PluginContext context, RateLimitSettings conf) {
            if (!conf.faultTolerant()) {
                context.exitWithMessage(500, UNEXPECTED, Map.of());
            } // fault tolerant: proxied without headers (the failure is logged by the counters)
        }

        private static void apply(PluginContext context, RateLimitSettings conf, long[] ends, long[] before, long now) {
            RateLimitVerdict verdict = RateLimitVerdict.of(conf, ends, before, now);
            if (verdict.refused()) {
                context.exitWithMessage(conf.errorCode(), conf.errorMessage(), verdict.headers());
            } else {
                verdict.forEachHeader(context::addResponseHeader);
            }
        }

        private RateCounters counters(RateLimitSettings conf) throws RateCounters.Unavailable {
            return policies.counters(conf.policy(), conf.redis(), conf.syncIntervalMillis());
        }

        /** Kong's {@code get_identifier}: each choice falls back to the client's (forwarded) IP. */
        String identifier(PluginContext context, RateLimitSettings conf) {
            String identifier = switch (conf.limitBy()) {
                case CONSUMER -> {
                    Consumer consumer = context.consumer();
                    UUID credential = context.credential();
                    yield consumer != null
                            ? consumerIds.get(consumer, c -> c.id().value().toString())
                            : credential == null ? null : credential.toString();
                }
                case CREDENTIAL -> {
                    UUID credential = context.credential();
                    yield credential == null ? null : credential.toString();
                }
                case SERVICE -> {
                    Service service = context.service();
                    yield service == null ? null : service.id().value().toString();
                }
                case HEADER -> conf.headerName() == null ? null : context.header(conf.headerName());
                case PATH -> context.path().equals(conf.path()) ? conf.path() : null;
                case IP -> null;
            };
            return identifier == null ? context.clientIp() : identifier;
        }
    }
}
