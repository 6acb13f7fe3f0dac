/** The node cache adapter: Caffeine behind the application's {@code NodeCache} port. */
@SecondaryAdapter
@NullMarked
package io.tollgate.adapter.cache;

import org.jmolecules.architecture.hexagonal.SecondaryAdapter;
import org.jspecify.annotations.NullMarked;
