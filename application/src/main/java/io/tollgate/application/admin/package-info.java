/** The Admin API use cases. */
@Application
@NullMarked
package io.tollgate.application.admin;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
