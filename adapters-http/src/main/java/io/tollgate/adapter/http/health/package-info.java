/**
 * Active health-check probes (Kong's {@code healthchecks.active}) over the network: HTTP and HTTPS with the JDK's
 * {@link java.net.http.HttpClient}, TCP with an asynchronous socket connect. Bound by {@link
 * io.tollgate.adapter.http.health.HealthProbeModule}, with the target-name resolution of the health listings
 * ({@code DNS_ERROR}). A secondary adapter (it implements the {@link io.tollgate.application.port.out.HealthProbes}
 * and {@link io.tollgate.application.port.out.HostResolution} out-ports), unlike the rest of this module.
 */
@SecondaryAdapter
@NullMarked
package io.tollgate.adapter.http.health;

import org.jmolecules.architecture.hexagonal.SecondaryAdapter;
import org.jspecify.annotations.NullMarked;
