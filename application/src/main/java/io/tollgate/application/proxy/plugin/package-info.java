/** Kong's plugins iterator and runloop: the node's plugin instances indexed by scope, and the phases that run them. */
@Application
@NullMarked
package io.tollgate.application.proxy.plugin;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
