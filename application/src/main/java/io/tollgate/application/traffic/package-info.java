/**
 * The cluster's traffic series: every node aggregates its proxied requests in memory, lock-free, and writes one
 * sample per interval to the database, from which any node answers for the whole cluster.
 */
@Application
@NullMarked
package io.tollgate.application.traffic;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
