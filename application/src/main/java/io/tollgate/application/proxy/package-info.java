/** The proxy path: routing a request, running its plugins' access phase, deciding where it goes. */
@Application
@NullMarked
package io.tollgate.application.proxy;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
