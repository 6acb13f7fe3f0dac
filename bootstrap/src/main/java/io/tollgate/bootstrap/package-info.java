/**
 * Tollgate's composition root: {@link io.tollgate.bootstrap.Main}, the node lifecycle
 * ({@link io.tollgate.bootstrap.TollgateNode}) and the build version.
 */
@NullMarked
package io.tollgate.bootstrap;

import org.jspecify.annotations.NullMarked;
