package io.tollgate.application.plugin.bundled;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What rate-limiting answers for one request, from the counters' values before it (Kong's {@code get_usage} and
 * header logic): whether a window is exhausted, and the headers: per window {@code X-RateLimit-Limit-<Period>} and
 * {@code X-RateLimit-Remaining-<Period>}; for the most restrictive window (least remaining, then the longest)
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (whole seconds to its end, at least
 * 1); {@code Retry-After} (the same seconds) when refused. Remaining counts this request, never below 0. With
 * {@code hide_client_headers} there are none, not even {@code Retry-After}, as in Kong.
 *
 * @param refused whether a window's limit is reached ({@code remaining <= 0} before this request)
 * @param headers the headers to send, in Kong's names
 */
record RateLimitVerdict(boolean refused, Map<String, String> headers) {

    /**
     * @param conf the instance's windows, limits and {@code hide_client_headers}
     * @param ends the end of each window (epoch ms)
     * @param before each window's count before this request
     * @param now epoch ms
     */
    static RateLimitVerdict of(RateLimitSettings conf, long[] ends, long[] before, long now) {
        RatePeriod[] periods = conf.periods();
        double[] limits = conf.limits();
        boolean refused = false;
        for (int i = 0; i < periods.length; i++) {
            refused |= limits[i] - before[i] <= 0;
        }
        if (conf.hideClientHeaders()) {
            return new RateLimitVerdict(refused, Map.of());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        double bestRemaining = 0;
        String bestRemainingText = "0";
        long reset = 0;
        int best = -1;
        for (int i = 0; i < periods.length; i++) {
            double remaining = limits[i] - before[i];
            if (!refused || remaining <= 0) {
                remaining -= 1; // this request (or, refused, the one that would have been)
            }
            remaining = Math.max(0, remaining);
            String remainingText = number(remaining);
            if (best < 0 || remaining < bestRemaining || remaining == bestRemaining) {
                best = i; // periods are shortest first: on a tie the longer one wins
                bestRemaining = remaining;
                bestRemainingText = remainingText;
                reset = Math.max(1, (ends[i] - now + 999) / 1000);
            }
            headers.put(periods[i].limitHeader(), conf.limitTexts()[i]);
            headers.put(periods[i].remainingHeader(), remainingText);
        }
        headers.put("RateLimit-Limit", conf.limitTexts()[best]);
        headers.put("RateLimit-Remaining", bestRemainingText);
        headers.put("RateLimit-Reset", Long.toString(reset));
        if (refused) {
            headers.put("Retry-After", Long.toString(reset));
        }
        return new RateLimitVerdict(refused, headers);
    }

    /** A number as Lua prints it: integral values without a fraction. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
