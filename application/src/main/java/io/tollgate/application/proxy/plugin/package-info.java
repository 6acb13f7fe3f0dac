/** Kong's plugins iterator and the bundled plugins' access phase. */
@Application
@NullMarked
package io.tollgate.application.proxy.plugin;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
