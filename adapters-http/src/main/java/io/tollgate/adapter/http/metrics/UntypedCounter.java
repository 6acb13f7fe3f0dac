package io.tollgate.adapter.http.metrics;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import io.tollgate.application.plugin.spi.Metrics;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A counter held under exactly its name as the client's untyped family, for Kong's counters whose names do not end in
 * {@code _total} ({@code kong_bandwidth_bytes}); the Admin API's exposition writes it as Kong does,
 * {@code # TYPE name counter}. Each child is a {@link DoubleAdder}.
 */
final class UntypedCounter implements Collector {

    private final String name;
    private final String help;
    private final String[] labelNames;
    private final ConcurrentMap<List<String>, DoubleAdder> children = new ConcurrentHashMap<>();

    UntypedCounter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = labelNames.toArray(String[]::new);
    }

    /**
     * The child of these label values.
     *
     * @throws IllegalArgumentException when the number of values differs from the number of label names
     */
    Metrics.CounterChild child(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(
                    name + " has " + labelNames.length + " labels, got " + values.length + " values");
        }
        DoubleAdder adder = children.computeIfAbsent(List.of(values), v -> new DoubleAdder());
        return amount -> {
            if (amount < 0) {
                throw new IllegalArgumentException("a counter cannot decrease: " + amount);
            }
            adder.add(amount);
        };
    }

    @Override
    public MetricSnapshot collect() {
        UnknownSnapshot.Builder snapshot = UnknownSnapshot.builder().name(name).help(help);
        children.forEach((values, adder) -> snapshot.dataPoint(UnknownSnapshot.UnknownDataPointSnapshot.builder()
                .labels(Labels.of(labelNames, values.toArray(String[]::new)))
                .value(adder.sum())
                .build()));
        return snapshot.build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }
}
