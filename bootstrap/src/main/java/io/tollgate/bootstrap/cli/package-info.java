/**
 * The {@code tollgate} command line (picocli): {@code start}, {@code stop}, {@code quit}, {@code restart},
 * {@code health}, {@code check}, {@code migrations}, {@code db rebuild}, {@code db compact}, {@code config export} and
 * {@code version}, in the manner of Kong's {@code kong} CLI. Exit codes: 0 success, 1 runtime failure, 2 usage or
 * configuration error.
 */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.cli;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
