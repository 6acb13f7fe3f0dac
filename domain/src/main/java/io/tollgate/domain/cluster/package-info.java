/**
 * Cluster membership (Kong 0.x's {@code kong cluster members}, kept on the database rather than gossiped): the nodes
 * sharing one database, the state each one recorded, and the state an observer derives from its heartbeats.
 */
@NullMarked
package io.tollgate.domain.cluster;

import org.jspecify.annotations.NullMarked;
