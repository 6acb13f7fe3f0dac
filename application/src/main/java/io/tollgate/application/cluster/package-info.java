/**
 * Cluster membership: each node records itself in the database and heartbeats ({@link
 * io.tollgate.application.cluster.MembershipHeartbeat}); any node or the CLI lists the members and waits for them to
 * apply a log position ({@link io.tollgate.application.cluster.ClusterMembership}).
 */
@Application
@NullMarked
package io.tollgate.application.cluster;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
