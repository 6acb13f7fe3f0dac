/** The proxy listener's adapter: Undertow's non-blocking reverse proxy in front of the proxy use case. */
@PrimaryAdapter
@NullMarked
package io.tollgate.adapter.http.proxy;

import org.jmolecules.architecture.hexagonal.PrimaryAdapter;
import org.jspecify.annotations.NullMarked;
