package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.EntityAddress;
import io.tollgate.application.port.HistoryEntry;
import io.tollgate.application.port.HistoryPage;
import io.tollgate.application.port.HistoryPosition;
import io.tollgate.application.port.HistoryQuery;
import io.tollgate.application.port.in.BrowseHistory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The configuration history (not in Kong's open-source edition), in Kong's page envelope
 * {@code {"data": [...], "next": "<path>?offset=…" | null, "offset": "…"}} (query parameters: {@link HistoryRequests}):
 * <ul>
 * <li>{@code GET /history}: every entity change, newest first;</li>
 * <li>{@code GET /{entities}/{id|key}/history} on every top-level collection, and
 * {@code GET /upstreams/{u}/targets/{id|target}/history} for targets, which have no top-level endpoints: the changes
 * of that entity, also once deleted; 404 {@code {"message":"Not found"}} when the id or key names nothing that exists
 * or that the log knows.</li>
 * </ul>
 * Each row: {@code {"position": "<commit>:<event_id>", "created_at": <epoch seconds with a millisecond fraction>,
 * "node_id", "operation": "create"|"update"|"delete", "entity_name", "entity_id", "before": {…}|null,
 * "after": {…}|null}}, secrets redacted as {@code "******"}.
 */
final class HistoryEndpoints {

    /** The last path segment of an entity's history, {@code /services/{s}/history}. */
    static final String SEGMENT = "history";

    /** {@code GET /history}. */
    static final String PATH = "/" + SEGMENT;

    private static final Set<String> GET = Set.of("GET");

    private final BrowseHistory history;

    HistoryEndpoints(BrowseHistory history) {
        this.history = Objects.requireNonNull(history, "history");
    }

    /** {@code GET /history}. */
    Endpoint all() {
        return new Endpoint(GET, (method, exchange) -> {
            Map<String, Deque<String>> parameters = exchange.getQueryParameters();
            HistoryPage page = history.history(HistoryRequests.query(parameters, true));
            Responses.json(
                    exchange, 200, envelope(page, PATH, HistoryRequests.carried(parameters, HistoryRequests.FILTERS)));
        });
    }

    /** {@code GET /{resource.path}/{idOrKey}/history}. */
    Endpoint entity(AdminResource resource, String idOrKey) {
        return of(EntityAddress.of(resource.schema().kind(), idOrKey), "/" + resource.path() + "/" + idOrKey + PATH);
    }

    /** {@code GET /{parent.path}/{parentKey}/{child.nestedPath}/{idOrKey}/history}. */
    Endpoint child(AdminResource parent, String parentKey, AdminResource child, String foreignField, String idOrKey) {
        return of(
                EntityAddress.below(
                        parent.schema().kind(),
                        parentKey,
                        foreignField,
                        child.schema().kind(),
                        idOrKey),
                "/" + parent.path() + "/" + parentKey + "/" + child.nestedPath() + "/" + idOrKey + PATH);
    }

    private Endpoint of(EntityAddress address, String path) {
        return new Endpoint(GET, (method, exchange) -> {
            Map<String, Deque<String>> parameters = exchange.getQueryParameters();
            HistoryQuery query = HistoryRequests.query(parameters, false);
            HistoryPage page = history.history(address, query).orElseThrow(ClientError::notFound);
            Responses.json(
                    exchange,
                    200,
                    envelope(page, path, HistoryRequests.carried(parameters, HistoryRequests.ENTITY_FILTERS)));
        });
    }

    private static Map<String, @Nullable Object> envelope(HistoryPage page, String path, String carried) {
        List<Map<String, @Nullable Object>> data = new ArrayList<>();
        for (HistoryEntry entry : page.data()) {
            data.add(row(entry));
        }
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("data", data);
        HistoryPosition next = page.next();
        if (next == null) {
            body.put("next", null);
        } else {
            String token = HistoryRequests.token(next);
            body.put("next", path + "?offset=" + token + carried);
            body.put("offset", token);
        }
        return body;
    }

    /** One row; {@code created_at} in seconds with the milliseconds as fraction (e.g. {@code 1767225600.123}). */
    static Map<String, @Nullable Object> row(HistoryEntry entry) {
        Map<String, @Nullable Object> row = new LinkedHashMap<>();
        row.put("position", entry.position().toString());
        row.put("created_at", BigDecimal.valueOf(entry.occurredAt().toEpochMilli(), 3));
        row.put("node_id", entry.nodeId().toString());
        row.put("operation", entry.operation().kongName());
        row.put("entity_name", entry.kind().kongName());
        row.put("entity_id", entry.entityId().toString());
        row.put("before", entry.before());
        row.put("after", entry.after());
        return row;
    }
}
