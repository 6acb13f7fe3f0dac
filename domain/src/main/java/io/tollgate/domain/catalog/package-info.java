/** The catalogue of entity schemas this version of Tollgate stores. */
@NullMarked
package io.tollgate.domain.catalog;

import org.jspecify.annotations.NullMarked;
