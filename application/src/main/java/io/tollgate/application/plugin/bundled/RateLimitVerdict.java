package io.tollgate.application.plugin.bundled;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * What rate-limiting answers for one request, from the counters' values before it (Kong's {@code get_usage} and
 * header logic): whether a window is exhausted, and the headers: per window {@code X-RateLimit-Limit-<Period>} and
 * {@code X-RateLimit-Remaining-<Period>}; for the most restrictive window (least remaining, then the longest)
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset} (whole seconds to its end, at least
 * 1); {@code Retry-After} (the same seconds) when refused. Remaining counts this request, never below 0. With
 * {@code hide_client_headers} there are none, not even {@code Retry-After}, as in Kong.
 *
 * <p>The headers are kept as two arrays and handed out one by one ({@link #forEachHeader}): an allowed request adds
 * them to its response without a map being made for it. {@link #headers()} makes one, for a refusal's answer.
 */
final class RateLimitVerdict {

    private static final String[] NONE = {};

    private final boolean refused;
    private final String[] names;
    private final String[] values;

    private RateLimitVerdict(boolean refused, String[] names, String[] values) {
        this.refused = refused;
        this.names = names;
        this.values = values;
    }

    /** Whether a window's limit is reached ({@code remaining <= 0} before this request). */
    boolean refused() {
        return refused;
    }

    /** Hands each header to send (Kong's name, its value) to {@code header}, in Kong's order. */
    void forEachHeader(BiConsumer<String, String> header) {
        for (int i = 0; i < names.length; i++) {
            header.accept(names[i], values[i]);
        }
    }

    /** The headers to send, in Kong's names and order. */
    Map<String, String> headers() {
        Map<String, String> headers = new LinkedHashMap<>();
        forEachHeader(headers::put);
        return headers;
    }

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
            return new RateLimitVerdict(refused, NONE, NONE);
        }
        int size = 2 * periods.length + (refused ? 4 : 3);
        String[] names = new String[size];
        String[] values = new String[size];
        int count = 0;
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
            names[count] = periods[i].limitHeader();
            values[count++] = conf.limitTexts()[i];
            names[count] = periods[i].remainingHeader();
            values[count++] = remainingText;
        }
        String resetText = Long.toString(reset);
        names[count] = "RateLimit-Limit";
        values[count++] = conf.limitTexts()[best];
        names[count] = "RateLimit-Remaining";
        values[count++] = bestRemainingText;
        names[count] = "RateLimit-Reset";
        values[count++] = resetText;
        if (refused) {
            names[count] = "Retry-After";
            values[count++] = resetText;
        }
        return new RateLimitVerdict(refused, names, values);
    }

    /** A number as Lua prints it: integral values without a fraction. */
    static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : Double.toString(value);
    }
}
