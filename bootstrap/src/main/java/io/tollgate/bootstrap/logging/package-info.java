/** Logging set-up: Kong's {@code log_level} applied to Logback; the format lives in {@code logback.xml}. */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.logging;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
