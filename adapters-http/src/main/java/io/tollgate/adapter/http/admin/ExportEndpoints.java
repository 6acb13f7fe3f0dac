package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.ExportConfiguration;
import io.undertow.util.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Set;

/**
 * {@code GET /history/export[?at=<epoch seconds | commit:event_id>]} (Tollgate only): the whole configuration as it
 * was at that moment (now without {@code at}), in the JSON of {@code tollgate config export --at} ({@code
 * "_format_version": "tollgate-1"}, {@code _position}, {@code _at}, one key per entity kind), as an attachment
 * ({@code Content-Disposition: attachment; filename="tollgate-config-<commit>-<event_id>.json"}). Secrets are
 * redacted ({@code "******"}) as in every history answer. A malformed {@code at}, or one before the retained history
 * (the event log's compaction snapshot; the message names the earliest exportable moment), answers 400
 * {@code {"message": …}}.
 */
final class ExportEndpoints {

    /** The path. */
    static final String PATH = "/history/export";

    private static final Set<String> GET = Set.of("GET");

    private final ExportConfiguration export;

    ExportEndpoints(ExportConfiguration export) {
        this.export = Objects.requireNonNull(export, "export");
    }

    /** {@code GET /history/export}. */
    Endpoint export() {
        return new Endpoint(GET, (method, exchange) -> {
            String at = Pagination.first(exchange.getQueryParameters(), "at");
            ExportConfiguration.Export done;
            try {
                done = export.export(at);
            } catch (IllegalArgumentException e) {
                throw ClientError.badRequest(Objects.requireNonNullElse(e.getMessage(), "invalid at"));
            }
            byte[] body = done.json().getBytes(StandardCharsets.UTF_8);
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
            exchange.getResponseHeaders()
                    .put(
                            Headers.CONTENT_DISPOSITION,
                            "attachment; filename=\"tollgate-config-"
                                    + done.position().replace(':', '-') + ".json\"");
            exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
        });
    }
}
