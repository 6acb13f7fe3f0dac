package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;

/**
 * What the plugins recorded in the node's metrics registry (the {@code prometheus} plugin's families), for
 * {@code GET /metrics}. Bound by the composition root to the registry; without a binding, {@code GET /metrics} serves
 * the node-level families only.
 */
@FunctionalInterface
public interface MetricsSource {

    /** The recorded families now; never {@code null}. */
    MetricSnapshots scrape();

    /**
     * The label names of {@code family} (a counter under its {@code _total} name) in the order it was declared, which
     * is the order {@code /metrics} writes them in, as Kong writes a family's labels in its declared order; empty for
     * a family this source does not know (then its labels are written by name).
     */
    default List<String> labelOrder(String family) {
        return List.of();
    }
}
