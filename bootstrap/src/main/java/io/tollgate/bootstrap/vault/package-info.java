/** The installed vaults the node resolves {@code {vault://…}} references through: Kong's {@code env} vault. */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.vault;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
