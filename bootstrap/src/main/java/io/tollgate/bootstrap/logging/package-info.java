/** Logging set-up: Kong's {@code log_level} applied to Logback; the defaults before it, set in code ({@link io.tollgate.bootstrap.logging.DefaultLogging}). */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.logging;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
