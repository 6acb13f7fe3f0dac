/**
 * Types shared by the primary and the secondary ports: pages of entities, the database-unavailable failure, and how
 * an exchange with an upstream peer ended ({@link io.tollgate.application.port.PeerOutcome}), and the counters of the
 * node cache and the database pools that {@code GET /metrics} shows.
 */
@Port
@NullMarked
package io.tollgate.application.port;

import org.jmolecules.architecture.hexagonal.Port;
import org.jspecify.annotations.NullMarked;
