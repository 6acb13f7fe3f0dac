/** Dagger wiring: the node component and the module that builds the DI-free application layer. */
@NullMarked
package io.tollgate.bootstrap.wiring;

import org.jspecify.annotations.NullMarked;
