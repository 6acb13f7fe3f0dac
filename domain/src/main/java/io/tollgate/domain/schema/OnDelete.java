package io.tollgate.domain.schema;

/** What deleting the referenced entity does to a {@link Kind#FOREIGN} field's owner, as Kong's {@code on_delete}. */
public enum OnDelete {
    /** The delete is refused while references exist (Kong's default; e.g. a route's service). */
    RESTRICT,
    /** The referencing entity is deleted too (e.g. a consumer's credentials, a route's plugins). */
    CASCADE
}
