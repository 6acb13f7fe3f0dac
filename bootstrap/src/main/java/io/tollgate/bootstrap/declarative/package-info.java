/**
 * Kong's declarative configuration format ({@code _format_version: "3.0"}, YAML or JSON, decK's nesting) for
 * {@code tollgate config db_export}, {@code db_import} and {@code parse}: {@link
 * io.tollgate.bootstrap.declarative.DeclarativeExport} writes a configuration, {@link
 * io.tollgate.bootstrap.declarative.DeclarativeReader} reads one into the application's declared entities.
 */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.declarative;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
