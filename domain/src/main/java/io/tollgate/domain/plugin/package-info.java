/** Plugins: the bundled plugin definitions and their configured instances. */
@NullMarked
package io.tollgate.domain.plugin;

import org.jspecify.annotations.NullMarked;
