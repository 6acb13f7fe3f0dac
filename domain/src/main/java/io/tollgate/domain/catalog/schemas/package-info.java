/** The entity schemas of the catalogue's kinds, by kind: the one place that knows every schema. */
@NullMarked
package io.tollgate.domain.catalog.schemas;

import org.jspecify.annotations.NullMarked;
