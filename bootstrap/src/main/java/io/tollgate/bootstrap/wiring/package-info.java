/** Dagger wiring: the node component and the module that builds the DI-free application layer. */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.wiring;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
