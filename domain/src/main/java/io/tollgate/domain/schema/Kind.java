package io.tollgate.domain.schema;

/** The value types of Kong's schema language that Tollgate's entities use. */
public enum Kind {
    /** A non-empty string (Kong's strings default to {@code len_min = 1}). */
    STRING,
    /** A whole number, normalised to {@link Long}. */
    INTEGER,
    /** Any number, normalised to {@link Double}. */
    NUMBER,
    BOOLEAN,
    /** An ordered list, normalised to {@link java.util.List}. */
    ARRAY,
    /** A list without duplicates (first occurrence kept). */
    SET,
    /** String keys to values of {@link FieldSpec#elements()}. */
    MAP,
    /** A nested object described by {@link FieldSpec#record()}, e.g. a plugin's {@code config}. */
    RECORD,
    /** A reference to another entity, rendered {@code {"id": "<uuid>"}}. */
    FOREIGN
}
