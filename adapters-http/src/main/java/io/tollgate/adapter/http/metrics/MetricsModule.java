package io.tollgate.adapter.http.metrics;

import dagger.Module;
import dagger.Provides;
import io.tollgate.application.plugin.spi.Metrics;
import jakarta.inject.Singleton;

/**
 * Binds the plugins' {@link Metrics} to the node's one {@link PrometheusMetrics} registry (a singleton), which the
 * composition root also hands to the Admin API's {@code GET /metrics}.
 */
@Module
public abstract class MetricsModule {

    private MetricsModule() {}

    @Provides
    @Singleton
    static PrometheusMetrics registry() {
        return new PrometheusMetrics();
    }

    @Provides
    static Metrics metrics(PrometheusMetrics registry) {
        return registry;
    }
}
