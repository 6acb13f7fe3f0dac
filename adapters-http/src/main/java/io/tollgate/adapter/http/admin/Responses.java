package io.tollgate.adapter.http.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tollgate.domain.shared.Rejection;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Writes Admin API responses: JSON bodies ({@code application/json; charset=utf-8}, nulls kept), Kong's error
 * shapes, and the {@code X-Kong-Admin-Latency} header (milliseconds since the request reached the Admin API).
 */
final class Responses {

    /** Kong's DAO error codes that do not answer 400 ({@code ERRORS_HTTP_CODES}). */
    private static final Map<Integer, Integer> STATUS_BY_CODE = Map.of(5, 409, 6, 404, 12, 405);

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final AttachmentKey<Long> STARTED = AttachmentKey.create(Long.class);
    private static final HttpString LATENCY = new HttpString("X-Kong-Admin-Latency");
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private Responses() {}

    /** Marks when the request reached the Admin API, for {@code X-Kong-Admin-Latency}. */
    static void markStart(HttpServerExchange exchange) {
        exchange.putAttachment(STARTED, System.nanoTime());
    }

    static void json(HttpServerExchange exchange, int status, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render a response body", e);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, JSON_TYPE);
        latency(exchange);
        exchange.getResponseSender().send(ByteBuffer.wrap(bytes));
    }

    /** A response without a body, e.g. {@code 204} or {@code 415}. */
    static void empty(HttpServerExchange exchange, int status) {
        exchange.setStatusCode(status);
        latency(exchange);
        exchange.endExchange();
    }

    static void message(HttpServerExchange exchange, int status, String message) {
        json(exchange, status, Map.of("message", message));
    }

    static void clientError(HttpServerExchange exchange, ClientError error) {
        String message = error.getMessage();
        if (message == null) {
            empty(exchange, error.status());
        } else {
            message(exchange, error.status(), message);
        }
    }

    /** Kong's DAO error body {@code {code, name, message, fields|options}}, with Kong's status for the code. */
    static void rejection(HttpServerExchange exchange, Rejection rejection) {
        Map<String, @Nullable Object> body = new LinkedHashMap<>();
        body.put("code", rejection.code());
        body.put("name", rejection.codeName());
        body.put("message", rejection.getMessage());
        if (!rejection.fields().isEmpty()) {
            body.put(rejection.fieldsName(), rejection.fields());
        }
        json(exchange, statusOf(rejection.code()), body);
    }

    static int statusOf(int code) {
        return STATUS_BY_CODE.getOrDefault(code, 400);
    }

    private static void latency(HttpServerExchange exchange) {
        Long started = exchange.getAttachment(STARTED);
        if (started != null) {
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            exchange.getResponseHeaders().put(LATENCY, Long.toString(ms));
        }
    }
}
