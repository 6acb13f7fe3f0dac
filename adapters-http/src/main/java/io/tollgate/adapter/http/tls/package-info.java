/**
 * TLS pieces shared by the primary adapters (the proxy's upstream connections) and the secondary ones (the active
 * health probes' HTTPS client). A plain {@code @Adapter}: both kinds of adapter may use it, while they may not use each
 * other.
 */
@Adapter
@NullMarked
package io.tollgate.adapter.http.tls;

import org.jmolecules.architecture.hexagonal.Adapter;
import org.jspecify.annotations.NullMarked;
