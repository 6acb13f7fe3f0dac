package io.tollgate.application.port;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Kong's tag filter on a list ({@code GET /services?tags=a,b} or {@code ?tags=a/b}, kong-internals §7.5): the
 * entities whose {@code tags} contain every one of {@link #tags()} ({@link Mode#ALL}, Kong's {@code tags_cond=and})
 * or at least one of them ({@link Mode#ANY}, {@code tags_cond=or}).
 *
 * @param tags 1 to 5 non-empty tags (the Admin API enforces Kong's limits and messages)
 */
public record TagFilter(List<String> tags, Mode mode) {

    /** How the tags combine. */
    public enum Mode {
        /** Every tag must be present ({@code a,b}). */
        ALL,
        /** At least one tag must be present ({@code a/b}). */
        ANY
    }

    public TagFilter {
        tags = List.copyOf(tags);
        Objects.requireNonNull(mode, "mode");
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("a tag filter needs at least one tag");
        }
    }

    /** Whether an entity with these tags ({@code null} = none) passes the filter; for in-memory stores. */
    public boolean matches(Collection<?> entityTags) {
        return mode == Mode.ALL ? entityTags.containsAll(tags) : tags.stream().anyMatch(entityTags::contains);
    }
}
