package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.BrowseEntities;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.undertow.server.HttpServerExchange;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code GET /consumers?custom_id=<id>}: the consumer with that {@code custom_id} as a one-page list
 * {@code {"data": [consumer], "next": null}} ({@code []} when none); an empty or repeated value answers 400
 * {@code {"message":"custom_id must be an unempty string"}}.
 */
final class CustomIdSearch {

    private static final String PARAMETER = "custom_id";

    private CustomIdSearch() {}

    /** Answers the request and returns {@code true} when it is a {@code custom_id} search on consumers. */
    static boolean answer(HttpServerExchange exchange, EntitySchema schema, BrowseEntities browse) {
        Deque<String> values = exchange.getQueryParameters().get(PARAMETER);
        if (!schema.name().equals(Consumers.SCHEMA.name()) || values == null) {
            return false;
        }
        if (values.size() != 1 || values.getFirst().isEmpty()) {
            throw ClientError.badRequest("custom_id must be an unempty string");
        }
        Optional<Entity> found = browse.findByUnique(schema, PARAMETER, values.getFirst());
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("data", found.map(e -> List.of(e.fields())).orElse(List.of()));
        body.put("next", null);
        Responses.json(exchange, 200, body);
        return true;
    }
}
