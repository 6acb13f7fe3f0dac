/** The generic state of an entity, as Kong's DAO sees every row. */
@NullMarked
package io.tollgate.domain.entity;

import org.jspecify.annotations.NullMarked;
