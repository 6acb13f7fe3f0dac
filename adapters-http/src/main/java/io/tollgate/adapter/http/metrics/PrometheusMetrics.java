package io.tollgate.adapter.http.metrics;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.tollgate.application.plugin.spi.Metrics;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The plugins' {@link Metrics} on the Prometheus Java client (1.x): each family is one of the client's metrics in a
 * registry of its own, each child one of its data points. A counter named {@code …_total} is the client's counter;
 * another counter name (Kong's {@code kong_bandwidth_bytes}) is held as an untyped family under exactly that name,
 * because the client's counter would append {@code _total} and Kong's dashboards query the name as Kong writes it
 * (the Admin API's exposition writes it typed {@code counter}, as Kong does). Thread-safe; children
 * record without locks or allocation.
 */
public final class PrometheusMetrics implements Metrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ConcurrentMap<String, Family> families = new ConcurrentHashMap<>();

    /** One declared family: what it is, to refuse a second declaration that differs. */
    private record Family(String type, List<String> labelNames, List<Double> bounds, Object metric) {}

    @Override
    public Counter counter(String name, String help, List<String> labelNames) {
        Family family = declare(name, "counter", labelNames, List.of(), () -> {
            if (name.endsWith("_total")) {
                io.prometheus.metrics.core.metrics.Counter counter =
                        io.prometheus.metrics.core.metrics.Counter.builder()
                                .name(name)
                                .help(help)
                                .labelNames(labelNames.toArray(String[]::new))
                                .register(registry);
                return (Metrics.Counter) values -> counter.labelValues(values)::inc;
            }
            UntypedCounter counter = new UntypedCounter(name, help, labelNames);
            registry.register(counter);
            return (Metrics.Counter) counter::child;
        });
        return (Metrics.Counter) family.metric();
    }

    @Override
    public Metrics.Histogram histogram(String name, String help, List<String> labelNames, List<Double> upperBounds) {
        Family family = declare(name, "histogram", labelNames, upperBounds, () -> {
            io.prometheus.metrics.core.metrics.Histogram histogram =
                    io.prometheus.metrics.core.metrics.Histogram.builder()
                            .name(name)
                            .help(help)
                            .labelNames(labelNames.toArray(String[]::new))
                            .classicUpperBounds(upperBounds.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .toArray())
                            .classicOnly()
                            .register(registry);
            return (Metrics.Histogram) values -> histogram.labelValues(values)::observe;
        });
        return (Metrics.Histogram) family.metric();
    }

    /** Everything recorded so far, for the exposition. */
    public MetricSnapshots scrape() {
        return registry.scrape();
    }

    /**
     * The label names {@code family} was declared with (a counter under the name it was declared with, {@code _total}
     * included), in their declared order, which Kong's exposition keeps; empty for a family never declared.
     */
    public List<String> labelNames(String family) {
        Family declared = families.get(family);
        return declared == null ? List.of() : declared.labelNames();
    }

    private Family declare(
            String name, String type, List<String> labelNames, List<Double> bounds, FamilyFactory factory) {
        Objects.requireNonNull(name, "name");
        List<String> labels = List.copyOf(labelNames);
        List<Double> upper = List.copyOf(bounds);
        Family family = families.computeIfAbsent(name, n -> new Family(type, labels, upper, factory.make()));
        if (!family.type().equals(type)
                || !family.labelNames().equals(labels)
                || !family.bounds().equals(upper)) {
            throw new IllegalArgumentException("metric " + name + " is already declared as a " + family.type()
                    + " with labels " + family.labelNames());
        }
        return family;
    }

    @FunctionalInterface
    private interface FamilyFactory {
        Object make();
    }
}
