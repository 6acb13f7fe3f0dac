package io.tollgate.application.port;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of the configuration history, newest first.
 *
 * @param next where the next (older) page starts ({@link HistoryQuery#before()}), or {@code null} on the last page
 */
public record HistoryPage(List<HistoryEntry> data, @Nullable HistoryPosition next) {
    public HistoryPage {
        data = List.copyOf(data);
    }
}
