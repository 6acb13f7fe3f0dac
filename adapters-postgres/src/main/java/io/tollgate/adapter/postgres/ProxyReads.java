package io.tollgate.adapter.postgres;

import jakarta.inject.Qualifier;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/**
 * Qualifies the {@link io.tollgate.application.port.out.EntityStore} of the proxy path's reads (cache fills, router,
 * plugins, balancers and certificates rebuilds, warm-up): the read replica when {@code pg_ro_host} is set, never
 * staler than what the node has applied ({@link ReplicaEntityStore}), else the primary. The Admin API, the event log,
 * membership and migrations use the unqualified store on the primary.
 */
@Qualifier
@Documented
@Retention(RetentionPolicy.RUNTIME)
public @interface ProxyReads {}
