/** Logging set-up: Kong's {@code log_level} applied to Logback; the format lives in {@code logback.xml}. */
@NullMarked
package io.tollgate.bootstrap.logging;

import org.jspecify.annotations.NullMarked;
