/**
 * Kong's load balancer (kong-internals §8.6): upstreams' targets chosen per request by {@code round-robin},
 * {@code consistent-hashing}, {@code least-connections} or {@code latency}, skipping unhealthy targets.
 */
@Application
@NullMarked
package io.tollgate.application.proxy.balancer;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
