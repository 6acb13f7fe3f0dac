package io.tollgate.application.plugin.spi;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The numbers of a completed exchange, without building Kong's whole log serializer object: what metrics plugins
 * (Kong's prometheus, statsd) read in {@code log}. Each equals the {@link PluginContext#logSerializer()} field named.
 *
 * @param status the status sent to the client ({@code response.status})
 * @param requestSize bytes received from the client ({@code request.size})
 * @param responseSize bytes sent to the client ({@code response.size})
 * @param kongLatencyMs ms the gateway spent itself ({@code latencies.kong})
 * @param proxyLatencyMs ms the upstream took to answer, -1 without an upstream response ({@code latencies.proxy})
 * @param requestLatencyMs ms from the request's arrival to the end of the exchange ({@code latencies.request})
 * @param source who produced the response (Kong's {@code kong.response.get_source()}): {@code service}, {@code exit}
 *     or {@code error}; the serializer's {@code source} names it {@code upstream} or {@code kong}
 */
public record ExchangeSummary(
        int status,
        long requestSize,
        long responseSize,
        long kongLatencyMs,
        long proxyLatencyMs,
        long requestLatencyMs,
        String source) {

    /** Reads the summary from a filled log serializer object (missing numbers are 0, or -1 for the proxy latency). */
    public static ExchangeSummary of(Map<String, Object> serializer) {
        Map<?, ?> latencies = serializer.get("latencies") instanceof Map<?, ?> m ? m : Map.of();
        return new ExchangeSummary(
                (int) number(part(serializer, "response").get("status"), 0),
                number(part(serializer, "request").get("size"), 0),
                number(part(serializer, "response").get("size"), 0),
                number(latencies.get("kong"), 0),
                number(latencies.get("proxy"), -1),
                number(latencies.get("request"), 0),
                source(serializer.get("source")));
    }

    /** The response source behind the serializer's {@code source} name ({@code kong} stands for an exit). */
    private static String source(@Nullable Object name) {
        if (!(name instanceof String s)) {
            return "error";
        }
        return switch (s) {
            case "upstream", "service" -> "service";
            case "kong", "exit" -> "exit";
            default -> "error";
        };
    }

    private static Map<?, ?> part(Map<String, Object> serializer, String name) {
        return serializer.get(name) instanceof Map<?, ?> m ? m : Map.of();
    }

    private static long number(@Nullable Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }
}
