/** Applying invalidations: on the writing node at once, on every other node from the event log. */
@Application
@NullMarked
package io.tollgate.application.invalidation;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
