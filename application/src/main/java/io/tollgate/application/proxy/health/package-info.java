/**
 * Kong's health checks (kong-internals §8.7, lua-resty-healthcheck's model): each node counts the outcomes of proxied
 * tries (passive checks) and of its own probes (active checks) per target, moves targets between healthy and
 * unhealthy at the configured thresholds, and applies operators' forced states from every node.
 */
@Application
@NullMarked
package io.tollgate.application.proxy.health;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
