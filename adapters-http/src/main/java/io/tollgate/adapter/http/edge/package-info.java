/**
 * The proxy's edge rules, as pure values shared by the listener and the proxy handler: which peers are trusted
 * (Kong's {@code trusted_ips}), how the real client address is found ({@code real_ip_header},
 * {@code real_ip_recursive}), which Kong headers are added ({@code headers}, {@code headers_upstream}), how error
 * bodies are rendered ({@code error_default_type}) and the request size limits. JDK only; parsed once at start-up.
 */
@PrimaryAdapter
@NullMarked
package io.tollgate.adapter.http.edge;

import org.jmolecules.architecture.hexagonal.PrimaryAdapter;
import org.jspecify.annotations.NullMarked;
