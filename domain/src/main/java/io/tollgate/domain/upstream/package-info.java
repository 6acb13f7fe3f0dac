/**
 * Upstreams and their targets (kong-internals §6.5, §6.6, §8.6, §8.7): the virtual host names a service can point
 * at, with the load-balancing algorithm, health-check settings and weighted target addresses behind each.
 */
@NullMarked
package io.tollgate.domain.upstream;

import org.jspecify.annotations.NullMarked;
