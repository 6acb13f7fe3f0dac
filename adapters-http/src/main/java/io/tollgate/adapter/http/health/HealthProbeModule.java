package io.tollgate.adapter.http.health;

import dagger.Binds;
import dagger.Module;
import io.tollgate.application.port.out.HealthProbes;

/** Binds the {@link HealthProbes} out-port to this adapter's JDK-client implementation (a singleton). */
@Module
public abstract class HealthProbeModule {

    private HealthProbeModule() {}

    @Binds
    abstract HealthProbes probes(JdkHealthProbes probes);
}
