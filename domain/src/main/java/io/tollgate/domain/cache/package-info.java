/** The cache-key rules and the invalidation every entity change implies, on the writing node and on every other. */
@NullMarked
package io.tollgate.domain.cache;

import org.jspecify.annotations.NullMarked;
