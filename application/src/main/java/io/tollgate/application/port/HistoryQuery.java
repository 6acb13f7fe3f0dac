package io.tollgate.application.port;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of the configuration history to read, newest first (Kong's pagination: a page {@code size} and where the
 * previous page ended).
 *
 * @param size 1 to 1000 entries
 * @param before the position of the last entry of the previous page (the page continues with older entries), or
 *     {@code null} for the newest entries
 */
public record HistoryQuery(int size, @Nullable HistoryPosition before, HistoryFilter filter) {

    public HistoryQuery {
        if (size < 1 || size > 1000) {
            throw new IllegalArgumentException("a history page holds 1 to 1000 entries, not " + size);
        }
        Objects.requireNonNull(filter, "filter");
    }

    /** The newest {@code size} entries passing {@code filter}. */
    public static HistoryQuery first(int size, HistoryFilter filter) {
        return new HistoryQuery(size, null, filter);
    }
}
