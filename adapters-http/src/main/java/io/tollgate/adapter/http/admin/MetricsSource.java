package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * What the plugins recorded in the node's metrics registry (the {@code prometheus} plugin's families), for
 * {@code GET /metrics}. Bound by the composition root to the registry; without a binding, {@code GET /metrics} serves
 * the node-level families only.
 */
@FunctionalInterface
public interface MetricsSource {

    /** The recorded families now; never {@code null}. */
    MetricSnapshots scrape();
}
