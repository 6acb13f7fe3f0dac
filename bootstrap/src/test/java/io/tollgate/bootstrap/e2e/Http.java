package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.jspecify.annotations.Nullable;

/** Small HTTP helpers for the end-to-end tests. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {}

    /** A response: status, body and (when known) headers by lower-case name. */
    record Response(int status, String body, Map<String, List<String>> headers) {

        Response(int status, String body) {
            this(status, body, Map.of());
        }

        /** The first value of a response header (name in any case), or {@code null}. */
        @Nullable
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }
    }

    static Response send(String method, String url, String jsonBody, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        builder.method(
                method,
                jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        return exchange(method, url, builder);
    }

    /** Sends {@code body} with this {@code Content-Type} (none when {@code null}). */
    static Response sendAs(String method, String url, @Nullable String contentType, String body, String... headers) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        builder.method(method, HttpRequest.BodyPublishers.ofString(body));
        return exchange(method, url, builder);
    }

    private static Response exchange(String method, String url, HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, List<String>> headers = new HashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v));
            return new Response(response.statusCode(), response.body(), headers);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Response get(String url, String... headers) {
        return send("GET", url, null, headers);
    }

    static Response post(String url, String json) {
        return send("POST", url, json);
    }

    static Response delete(String url) {
        return send("DELETE", url, null);
    }

    /**
     * Polls {@code url} (every 10 ms, Awaitility) until {@code condition} holds; returns the elapsed time. Fails
     * after {@code timeout}.
     */
    static Duration await(String url, Predicate<Response> condition, Duration timeout, String... headers) {
        long start = System.nanoTime();
        AtomicReference<Response> last = new AtomicReference<>();
        try {
            Awaitility.await()
                    .atMost(timeout)
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> {
                        last.set(get(url, headers));
                        return condition.test(last.get());
                    });
        } catch (ConditionTimeoutException e) {
            Response seen = last.get();
            throw new AssertionError("condition not met on " + url + " within " + timeout + "; last: "
                    + (seen == null ? "none" : seen.status() + " " + seen.body()));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    static Predicate<Response> status(int code) {
        return r -> r.status() == code;
    }
}
