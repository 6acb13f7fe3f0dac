/**
 * The HTTP server of a Tollgate node: one Undertow with Kong's proxy listeners and Admin API listeners
 * ({@code proxy_listen}, {@code admin_listen}), started and stopped gracefully, wired by {@link
 * io.tollgate.adapter.http.HttpAdapterModule}.
 */
@PrimaryAdapter
@NullMarked
package io.tollgate.adapter.http;

import org.jmolecules.architecture.hexagonal.PrimaryAdapter;
import org.jspecify.annotations.NullMarked;
