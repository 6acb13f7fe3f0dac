/**
 * Writing a whole configuration ({@link io.tollgate.adapter.postgres.PastConfiguration}) for {@code tollgate config
 * export}: entities as the Admin API shows them ({@link io.tollgate.bootstrap.export.AdminView}) in a
 * {@link io.tollgate.bootstrap.export.ConfigurationFormat} (JSON today; Kong's declarative format can be another).
 */
@CompositionRoot
@NullMarked
package io.tollgate.bootstrap.export;

import io.tollgate.bootstrap.stereotype.CompositionRoot;
import org.jspecify.annotations.NullMarked;
