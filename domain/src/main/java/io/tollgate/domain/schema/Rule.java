package io.tollgate.domain.schema;

import java.util.Optional;

/** A check of one (already type-checked, non-null) field value; returns Kong's message when it fails. */
@FunctionalInterface
public interface Rule {
    Optional<String> check(Object value);
}
