package io.tollgate.domain.catalog;

/** What happened to one entity, as far as the catalogue's rules care (e.g. which version keys a change bumps). */
public enum EntityChange {
    CREATED,
    UPDATED,
    DELETED
}
