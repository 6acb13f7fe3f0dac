/**
 * The node's metrics registry on the Prometheus Java client ({@link PrometheusMetrics}, the plugins'
 * {@link io.tollgate.application.plugin.spi.Metrics}), the node-level families Kong's prometheus plugin always exports
 * ({@link NodeMetrics}), and the text exposition served by the Admin API's {@code GET /metrics}.
 */
@SecondaryAdapter
@NullMarked
package io.tollgate.adapter.http.metrics;

import org.jmolecules.architecture.hexagonal.SecondaryAdapter;
import org.jspecify.annotations.NullMarked;
