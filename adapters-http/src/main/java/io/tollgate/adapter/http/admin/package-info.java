/**
 * Kong's Admin API ({@code kong/api}): generic CRUD endpoints driven by the entity schemas, {@code GET /},
 * {@code GET /status} and {@code /cache}, in Kong's JSON shapes, status codes and error bodies. Entry point:
 * {@link io.tollgate.adapter.http.admin.AdminApi}.
 */
@PrimaryAdapter
@NullMarked
package io.tollgate.adapter.http.admin;

import org.jmolecules.architecture.hexagonal.PrimaryAdapter;
import org.jspecify.annotations.NullMarked;
