package io.tollgate.application.port;

import org.jspecify.annotations.Nullable;

/**
 * A keyset page of Kong's tag listing: {@code GET /tags} ({@code tag == null}) or {@code GET /tags/{tag}}.
 *
 * @param size 1 to 1000
 * @param after the last row of the previous page, or {@code null} for the first page
 */
public record TagPageRequest(
        int size, @Nullable String tag, @Nullable TaggedEntity after) {}
