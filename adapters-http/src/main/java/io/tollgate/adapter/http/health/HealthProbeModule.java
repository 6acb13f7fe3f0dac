package io.tollgate.adapter.http.health;

import dagger.Binds;
import dagger.Module;
import io.tollgate.application.port.out.HealthProbes;
import io.tollgate.application.port.out.HostResolution;

/**
 * Binds the {@link HealthProbes} out-port to this adapter's JDK-client implementation and {@link HostResolution} to
 * dnsjava's (singletons).
 */
@Module
public abstract class HealthProbeModule {

    private HealthProbeModule() {}

    @Binds
    abstract HealthProbes probes(JdkHealthProbes probes);

    @Binds
    abstract HostResolution hostResolution(DnsHostResolution resolution);
}
