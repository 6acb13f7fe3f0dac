/** Finds the node's plugins: the bundled ones and custom ones on the class path or in {@code <prefix>/plugins}. */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.plugins;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
