package io.tollgate.domain.event;

import org.jmolecules.event.types.DomainEvent;

/**
 * Everything that goes through the cluster's event log, which every node reads (Kong's {@code cluster_events}, made
 * durable and typed): entity changes, which the entity tables are projected from, and forced target healths,
 * proxy-cache purges and cluster-wide log levels. Consumers
 * handle it with an exhaustive {@code switch}, so a new kind of event (a node joining or leaving, a cluster-wide cache
 * purge) is a new permitted record and the compiler finds every place that must handle it.
 */
public sealed interface ClusterEvent extends DomainEvent
        permits EntityEvent, TargetHealthForced, ProxyCachePurged, LogLevelChanged {}
