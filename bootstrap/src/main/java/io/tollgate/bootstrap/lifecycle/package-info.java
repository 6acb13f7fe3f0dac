/**
 * How a running node and the {@code tollgate stop|quit|health|restart} commands find each other: the files a node keeps
 * under {@code <prefix>/pids} (its pid, its Admin API address, the control file a command drops to ask it to stop or
 * quit) and the polling that reads them. See {@link io.tollgate.bootstrap.lifecycle.RuntimeFiles}.
 */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.lifecycle;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
