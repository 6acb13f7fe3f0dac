/**
 * The house's own jMolecules stereotypes, for code that none of jMolecules' stereotypes describes: the composition
 * root ({@link io.tollgate.bootstrap.stereotype.CompositionRoot}). Depends on nothing else in Tollgate, so every
 * package of {@code bootstrap} can carry it without import cycles.
 */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.stereotype;

import org.jspecify.annotations.NullMarked;
