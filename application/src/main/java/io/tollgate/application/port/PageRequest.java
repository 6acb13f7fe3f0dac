package io.tollgate.application.port;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A keyset page request, as Kong's pagination: at most {@code size} entities with an id greater than {@code after},
 * optionally only those whose {@code foreignField} references {@code parentId}, and optionally only those whose
 * {@code tags} pass {@code tags}.
 *
 * @param size 1 to 1000
 * @param after the last id of the previous page, or {@code null} for the first page
 * @param tags Kong's {@code ?tags=} filter, or {@code null} for none (only for schemas with a {@code tags} field)
 */
public record PageRequest(
        int size,
        @Nullable UUID after,
        @Nullable String foreignField,
        @Nullable UUID parentId,
        @Nullable TagFilter tags) {

    /** A request without a tag filter. */
    public PageRequest(int size, @Nullable UUID after, @Nullable String foreignField, @Nullable UUID parentId) {
        this(size, after, foreignField, parentId, null);
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, null, null, null);
    }

    /** This request with the tag filter {@code filter} ({@code null} removes it). */
    public PageRequest withTags(@Nullable TagFilter filter) {
        return new PageRequest(size, after, foreignField, parentId, filter);
    }
}
