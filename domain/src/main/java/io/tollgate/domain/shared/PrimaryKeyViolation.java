package io.tollgate.domain.shared;

import java.util.Map;

/**
 * Kong's code 3, {@code primary key violation} (HTTP 400): a create whose {@code id} another entity of the same
 * schema already has. Message as Kong's: {@code primary key violation on key '{id="<uuid>"}'}, with
 * {@code fields} {@code {"id": "<uuid>"}}.
 */
public final class PrimaryKeyViolation extends Rejection {

    /** @param id the primary key that is taken (a UUID's text) */
    public PrimaryKeyViolation(String id) {
        super(3, "primary key violation", "primary key violation on key '{id=\"" + id + "\"}'", Map.of("id", id));
    }
}
