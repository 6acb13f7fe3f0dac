/**
 * A small implementation of Kong's declarative schema language: fields with kinds, defaults and rules, entity
 * checks, shorthands, and the validation that turns Admin API input into normalised entity fields or a
 * {@link io.tollgate.domain.shared.SchemaViolation} with Kong's messages.
 */
@NullMarked
package io.tollgate.domain.schema;

import org.jspecify.annotations.NullMarked;
