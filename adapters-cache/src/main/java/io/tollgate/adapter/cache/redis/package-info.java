/**
 * Rate-limiting's {@code redis} policy on Lettuce: the application's {@code RedisCounters} port over one shared,
 * lazily opened, self-reconnecting connection per Redis config.
 */
@SecondaryAdapter
@NullMarked
package io.tollgate.adapter.cache.redis;

import org.jmolecules.architecture.hexagonal.SecondaryAdapter;
import org.jspecify.annotations.NullMarked;
