/** Consumers: the users of the proxied APIs. */
@NullMarked
package io.tollgate.domain.consumer;

import org.jspecify.annotations.NullMarked;
