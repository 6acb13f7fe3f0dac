package io.tollgate.application.port.in;

import org.jspecify.annotations.Nullable;

/**
 * The whole configuration as the event log says it was at a moment, in the JSON of {@code tollgate config export
 * --at} (Tollgate's {@code tollgate-1} format), for {@code GET /history/export}: every secret redacted ({@code
 * "******"}) exactly as the history endpoints redact them, since the answer travels over HTTP. Not in Kong.
 */
public interface ExportConfiguration {

    /**
     * Exports the configuration at {@code at}.
     *
     * @param at seconds since the epoch (up to 9 decimals, e.g. {@code 1700000000.5}), a log position
     *     {@code <commit number>:<event id>}, or {@code null} for now
     * @throws IllegalArgumentException when {@code at} is neither, or names a moment before the retained history (the
     *     log's compaction snapshot); the message says which and, for the latter, the earliest exportable moment
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database fails
     */
    Export export(@Nullable String at);

    /**
     * One export.
     *
     * @param position the log position it stands at ({@code <commit number>:<event id>})
     * @param json the document, UTF-8 text ending with a newline
     */
    record Export(String position, String json) {}
}
