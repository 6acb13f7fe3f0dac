/**
 * The node's timers: the schedulers its periodic background tasks run on, counted for Kong's {@code GET /timers}
 * ({@link io.tollgate.application.timer.NodeTimers}).
 */
@Application
@NullMarked
package io.tollgate.application.timer;

import org.jmolecules.architecture.hexagonal.Application;
import org.jspecify.annotations.NullMarked;
