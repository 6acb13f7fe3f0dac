/**
 * Writing a whole configuration ({@link io.tollgate.adapter.postgres.PastConfiguration}) for {@code tollgate config
 * export}: entities as the Admin API shows them ({@link io.tollgate.bootstrap.export.AdminView}) in a
 * {@link io.tollgate.bootstrap.export.ConfigurationFormat} (JSON today; Kong's declarative format can be another).
 */
@NullMarked
package io.tollgate.bootstrap.export;

import org.jspecify.annotations.NullMarked;
