package io.tollgate.application.plugin.spi;

import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One rate-limiting counter (a row of Kong's {@code ratelimiting_metrics}): the requests of {@code identifier} on a
 * route and service within one fixed window of one period.
 *
 * @param route the route's id, or {@code null} (Kong then uses the all-zero UUID)
 * @param service the service's id, or {@code null} (Kong then uses the all-zero UUID)
 * @param identifier who is counted: a consumer or credential id, an IP address, a header value, a path
 * @param period Kong's period name: {@code second}, {@code minute}, {@code hour}, {@code day}, {@code month} or
 *     {@code year}
 * @param windowStart the window's first instant, epoch milliseconds (UTC boundary; Kong's {@code period_date})
 * @param windowEnd the next window's first instant, epoch milliseconds (when the counter can be forgotten)
 */
public record CounterKey(
        @Nullable UUID route,
        @Nullable UUID service,
        String identifier,
        String period,
        long windowStart,
        long windowEnd) {

    /** Kong's stand-in for a missing route or service id. */
    public static final UUID NONE = new UUID(0, 0);

    public CounterKey {
        Objects.requireNonNull(identifier, "identifier");
        Objects.requireNonNull(period, "period");
    }

    /** The route's id, or {@link #NONE}. */
    public UUID routeOrNone() {
        return route == null ? NONE : route;
    }

    /** The service's id, or {@link #NONE}. */
    public UUID serviceOrNone() {
        return service == null ? NONE : service;
    }

    /**
     * Kong's name of the counter in a shared store:
     * {@code ratelimit:<route_id>:<service_id>:<identifier>:<period_date>:<period>}, {@code period_date} being the
     * window's start in epoch milliseconds.
     */
    public String kongKey() {
        return "ratelimit:" + routeOrNone() + ":" + serviceOrNone() + ":" + identifier + ":" + windowStart + ":"
                + period;
    }
}
