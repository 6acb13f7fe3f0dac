/**
 * Tollgate's composition root: {@link io.tollgate.bootstrap.Main}, the node lifecycle
 * ({@link io.tollgate.bootstrap.TollgateNode}) and the build version.
 */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
