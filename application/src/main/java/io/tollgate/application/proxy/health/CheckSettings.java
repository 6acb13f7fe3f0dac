package io.tollgate.application.proxy.health;

import io.tollgate.domain.upstream.Upstream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The typed {@code healthchecks} record of an upstream (kong-internals §8.7), read from the validated entity with
 * Kong's defaults for anything absent. Intervals and the probe timeout are seconds in Kong; here they are
 * {@link Duration}s. A zero interval or counter disables that part.
 *
 * @param active the probes' settings and counters
 * @param passive the counters of proxied traffic
 * @param threshold the percentage of the total weight that must be available for the balancer to be healthy
 */
public record CheckSettings(Active active, Counters passive, double threshold) {

    /** Kong's defaults: nothing enabled. */
    public static final CheckSettings DEFAULTS = of(Map.of());

    public CheckSettings {
        Objects.requireNonNull(active, "active");
        Objects.requireNonNull(passive, "passive");
    }

    /**
     * The counters of one kind of check (Kong's {@code healthy} / {@code unhealthy} records).
     *
     * @param healthyStatuses statuses that count as a success
     * @param successes successes that make a target healthy (0 = successes are not counted)
     * @param unhealthyStatuses statuses that count as an HTTP failure
     * @param httpFailures HTTP failures that make a target unhealthy (0 = not counted)
     * @param tcpFailures TCP failures that make a target unhealthy (0 = not counted)
     * @param timeouts timeouts that make a target unhealthy (0 = not counted)
     */
    public record Counters(
            Set<Integer> healthyStatuses,
            int successes,
            Set<Integer> unhealthyStatuses,
            int httpFailures,
            int tcpFailures,
            int timeouts) {
        public Counters {
            healthyStatuses = Set.copyOf(healthyStatuses);
            unhealthyStatuses = Set.copyOf(unhealthyStatuses);
        }
    }

    /**
     * Kong's {@code healthchecks.active}.
     *
     * @param type {@code http}, {@code https}, {@code tcp}, {@code grpc} or {@code grpcs}
     * @param timeout the probe's timeout
     * @param concurrency how many targets are probed at once
     * @param healthyInterval how often available targets are probed ({@link Duration#ZERO} = never)
     * @param unhealthyInterval how often unavailable targets are probed ({@link Duration#ZERO} = never)
     */
    public record Active(
            String type,
            Duration timeout,
            int concurrency,
            String httpPath,
            @Nullable String httpsSni,
            boolean httpsVerifyCertificate,
            Map<String, List<String>> headers,
            Duration healthyInterval,
            Duration unhealthyInterval,
            Counters counters) {
        public Active {
            Objects.requireNonNull(type, "type");
            headers = Map.copyOf(headers);
        }
    }

    /** Reads an upstream's settings. */
    public static CheckSettings of(Upstream upstream) {
        return of(upstream.healthchecks());
    }

    /** Reads a {@code healthchecks} record (possibly partial: Kong's defaults fill the gaps). */
    public static CheckSettings of(Map<String, @Nullable Object> healthchecks) {
        Map<String, @Nullable Object> active = record(healthchecks, "active");
        Map<String, @Nullable Object> passive = record(healthchecks, "passive");
        Map<String, @Nullable Object> activeHealthy = record(active, "healthy");
        Map<String, @Nullable Object> activeUnhealthy = record(active, "unhealthy");
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (active.get("headers") instanceof Map<?, ?> map) {
            map.forEach((name, values) -> {
                if (values instanceof List<?> list) {
                    headers.put(
                            String.valueOf(name),
                            list.stream().map(String::valueOf).toList());
                } else if (values != null) {
                    headers.put(String.valueOf(name), List.of(String.valueOf(values)));
                }
            });
        }
        Active activeSettings = new Active(
                string(active, "type", "http"),
                seconds(active, "timeout", 1),
                (int) number(active, "concurrency", 10),
                string(active, "http_path", "/"),
                active.get("https_sni") instanceof String s ? s : null,
                !Boolean.FALSE.equals(active.get("https_verify_certificate")),
                headers,
                seconds(activeHealthy, "interval", 0),
                seconds(activeUnhealthy, "interval", 0),
                counters(
                        activeHealthy,
                        activeUnhealthy,
                        List.of(200, 302),
                        List.of(429, 404, 500, 501, 502, 503, 504, 505)));
        Counters passiveCounters = counters(
                record(passive, "healthy"),
                record(passive, "unhealthy"),
                List.of(200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308),
                List.of(429, 500, 503));
        return new CheckSettings(activeSettings, passiveCounters, number(healthchecks, "threshold", 0));
    }

    /** Kong's {@code is_upstream_using_healthcheck}: an active interval or a passive failure counter is set. */
    public boolean inUse() {
        return activeInUse() || passive.tcpFailures() > 0 || passive.timeouts() > 0 || passive.httpFailures() > 0;
    }

    /** Whether any target is probed. */
    public boolean activeInUse() {
        return active.healthyInterval().isPositive()
                || active.unhealthyInterval().isPositive();
    }

    private static Counters counters(
            Map<String, @Nullable Object> healthy,
            Map<String, @Nullable Object> unhealthy,
            List<Integer> healthyDefault,
            List<Integer> unhealthyDefault) {
        return new Counters(
                statuses(healthy, healthyDefault),
                (int) number(healthy, "successes", 0),
                statuses(unhealthy, unhealthyDefault),
                (int) number(unhealthy, "http_failures", 0),
                (int) number(unhealthy, "tcp_failures", 0),
                (int) number(unhealthy, "timeouts", 0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> record(Map<String, @Nullable Object> parent, String name) {
        return parent.get(name) instanceof Map<?, ?> m ? (Map<String, @Nullable Object>) m : Map.of();
    }

    private static Set<Integer> statuses(Map<String, @Nullable Object> record, List<Integer> defaults) {
        if (record.get("http_statuses") instanceof List<?> list) {
            return list.stream()
                    .filter(Number.class::isInstance)
                    .map(n -> ((Number) n).intValue())
                    .collect(Collectors.toUnmodifiableSet());
        }
        return Set.copyOf(defaults);
    }

    private static double number(Map<String, @Nullable Object> record, String name, double fallback) {
        return record.get(name) instanceof Number n ? n.doubleValue() : fallback;
    }

    private static String string(Map<String, @Nullable Object> record, String name, String fallback) {
        return record.get(name) instanceof String s ? s : fallback;
    }

    private static Duration seconds(Map<String, @Nullable Object> record, String name, double fallback) {
        return Duration.ofMillis(Math.round(number(record, name, fallback) * 1000));
    }
}
