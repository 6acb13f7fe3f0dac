package io.tollgate.application.invalidation;

import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.domain.catalog.VersionKey;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tollgate's own metrics of how this node applies changes (Kong has none), in the node's registry and so on
 * {@code GET /metrics}:
 * <ul>
 * <li>{@code tollgate_invalidations_applied_total}: invalidations (one per entity change, from this node's own writes
 *     or from the event log) applied to this node;</li>
 * <li>{@code tollgate_structure_update_ms{structure}}: a histogram of the time (milliseconds) to bring one structure
 *     up to date after a batch of changes, patched or rebuilt in full, waiting for a concurrent update included;</li>
 * <li>{@code tollgate_structure_update_failures_total{structure}}: updates that failed (the database could not be
 *     read) and are retried.</li>
 * </ul>
 * The {@code structure} label is the version key's name without {@code :version}: {@code router},
 * {@code plugins_iterator}, {@code balancer}, {@code healthchecks}, {@code certificates}. Every child is made once,
 * here, so recording allocates nothing.
 */
final class StructureMetrics {

    /** The update histogram's bucket bounds, ms. */
    static final List<Double> BOUNDS_MS =
            List.of(1.0, 5.0, 10.0, 25.0, 50.0, 100.0, 250.0, 500.0, 1000.0, 2500.0, 5000.0, 10000.0);

    private final Metrics.CounterChild applied;
    private final Map<VersionKey, Metrics.HistogramChild> durations = new EnumMap<>(VersionKey.class);
    private final Map<VersionKey, Metrics.CounterChild> failures = new EnumMap<>(VersionKey.class);

    StructureMetrics(Metrics metrics) {
        applied = metrics.counter(
                        "tollgate_invalidations_applied_total",
                        "Invalidations (entity changes, from this node's writes or the event log) applied to this node",
                        List.of())
                .labels();
        Metrics.Histogram duration = metrics.histogram(
                "tollgate_structure_update_ms",
                "Time to bring a structure (router, plugins, balancers, health checks, certificates) up to date, ms",
                List.of("structure"),
                BOUNDS_MS);
        Metrics.Counter failed = metrics.counter(
                "tollgate_structure_update_failures_total",
                "Structure updates that failed (the database could not be read) and are retried",
                List.of("structure"));
        for (VersionKey key : VersionKey.values()) {
            String structure = label(key);
            durations.put(key, duration.labels(structure));
            failures.put(key, failed.labels(structure));
        }
    }

    /** The {@code structure} label of a version key: {@code router:version} → {@code router}. */
    static String label(VersionKey key) {
        return key.key().replace(":version", "").toLowerCase(Locale.ROOT);
    }

    void applied(int invalidations) {
        applied.inc(invalidations);
    }

    void updated(VersionKey key, long nanos) {
        durations.get(key).observe(nanos / 1_000_000.0);
    }

    void failed(VersionKey key) {
        failures.get(key).inc();
    }
}
