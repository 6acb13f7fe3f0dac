/**
 * Active health-check probes (Kong's {@code healthchecks.active}) over the network: HTTP and HTTPS with the JDK's
 * {@link java.net.http.HttpClient}, TCP with an asynchronous socket connect. Bound by {@link
 * io.tollgate.adapter.http.health.HealthProbeModule}.
 */
@NullMarked
package io.tollgate.adapter.http.health;

import org.jspecify.annotations.NullMarked;
