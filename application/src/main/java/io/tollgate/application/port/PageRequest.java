package io.tollgate.application.port;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A keyset page request, as Kong's pagination: at most {@code size} entities with an id greater than {@code after},
 * optionally only those whose {@code foreignField} references {@code parentId}.
 *
 * @param size 1 to 1000
 * @param after the last id of the previous page, or {@code null} for the first page
 */
public record PageRequest(int size, @Nullable UUID after, @Nullable String foreignField, @Nullable UUID parentId) {

    public static PageRequest first(int size) {
        return new PageRequest(size, null, null, null);
    }
}
