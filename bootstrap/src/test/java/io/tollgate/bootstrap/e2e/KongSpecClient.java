package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The request side of Kong's Admin API specs: a body given once and sent in each of the content types Kong's
 * {@code it_content_types} helper tries ({@code application/x-www-form-urlencoded}, {@code multipart/form-data},
 * {@code application/json}), encoded as Kong's test client encodes it (form arrays as repeated keys, nested records
 * as dotted keys, {@code null} as an empty value).
 */
final class KongSpecClient {

    /** Stands for JSON {@code null} (Lua's {@code cjson.null}) in a body built with {@link #body}. */
    static final Object NULL = new Object();

    private static final String BOUNDARY = "kong-spec-boundary";
    private static final AtomicInteger UNIQUE = new AtomicInteger();

    /** The content types of Kong's {@code it_content_types}. */
    enum ContentType {
        FORM("application/x-www-form-urlencoded"),
        MULTIPART("multipart/form-data; boundary=" + BOUNDARY),
        JSON("application/json");

        final String header;

        ContentType(String header) {
            this.header = header;
        }
    }

    private final String admin;

    KongSpecClient(String admin) {
        this.admin = admin;
    }

    /** A name unique within the test run: {@code prefix-<n>}. */
    static String unique(String prefix) {
        return prefix + "-" + UNIQUE.incrementAndGet();
    }

    /** An ordered body from {@code key, value} pairs; values are strings, numbers, booleans, lists, maps or NULL. */
    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }

    Http.Response send(String method, String path, ContentType type, Map<String, Object> body) {
        return Http.sendAs(method, admin + path, type.header, encode(type, body));
    }

    Http.Response get(String path) {
        return Http.get(admin + path);
    }

    Http.Response delete(String path) {
        return Http.delete(admin + path);
    }

    /** POSTs a JSON body and returns the created entity (fails unless 201). */
    JsonNode create(String path, Map<String, Object> body) {
        Http.Response r = send("POST", path, ContentType.JSON, body);
        if (r.status() != 201) {
            throw new AssertionError("POST " + path + " " + body + ": " + r.status() + " " + r.body());
        }
        return r.json();
    }

    /** Kong's {@code bp.services:insert()}: a service with a fresh name. */
    JsonNode service() {
        return create("/services", body("name", unique("svc"), "host", "example.com", "path", "/"));
    }

    /** Kong's {@code bp.routes:insert(fields)}: the fields plus, unless given, a service of its own. */
    JsonNode route(Object... fields) {
        Map<String, Object> body = body(fields);
        body.putIfAbsent("service", Map.of("id", service().get("id").asText()));
        return create("/routes", body);
    }

    /**
     * Kong's schema-spec set-up: POSTs plugin {@code name} with {@code config} on a route (and service) of its own.
     */
    Http.Response pluginOnNewRoute(String name, Map<String, Object> config) {
        String route = route("hosts", List.of(unique(name + "-schema") + ".test"))
                .get("id")
                .asText();
        return send(
                "POST",
                "/plugins",
                ContentType.JSON,
                body("name", name, "route", Map.of("id", route), "config", config));
    }

    /** Asserts Kong's schema violation (400, {@code code} 2) and returns its {@code fields}. */
    static JsonNode schemaViolation(Http.Response response) {
        JsonNode json = ok(response, 400);
        assertThat(json.path("code").asInt()).isEqualTo(2);
        assertThat(json.path("name").asText()).isEqualTo("schema violation");
        return json.path("fields");
    }

    /** The response's JSON body, after asserting its status. */
    static JsonNode ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r.json();
    }

    /** The texts of a JSON array. */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body encoded as {@code type} (form and multipart flatten lists to repeated fields). */
    static String encode(ContentType type, Map<String, Object> body) {
        return switch (type) {
            case JSON -> json(body);
            case FORM ->
                String.join(
                        "&",
                        flat(body).stream()
                                .map(e -> URLEncoder.encode(e[0], StandardCharsets.UTF_8) + "="
                                        + URLEncoder.encode(e[1], StandardCharsets.UTF_8))
                                .toList());
            case MULTIPART -> multipart(body);
        };
    }

    private static String multipart(Map<String, Object> body) {
        StringBuilder out = new StringBuilder();
        for (String[] e : flat(body)) {
            out.append("--").append(BOUNDARY).append("\r\n");
            out.append("Content-Disposition: form-data; name=\"").append(e[0]).append("\"\r\n\r\n");
            out.append(e[1]).append("\r\n");
        }
        return out.append("--").append(BOUNDARY).append("--\r\n").toString();
    }

    private static List<String[]> flat(Map<String, Object> body) {
        List<String[]> out = new ArrayList<>();
        body.forEach((k, v) -> flatten(k, v, out));
        return out;
    }

    private static void flatten(String key, Object value, List<String[]> out) {
        if (value == NULL) {
            out.add(new String[] {key, ""});
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> flatten(key + "." + k, v, out));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> flatten(key, v, out));
        } else {
            out.add(new String[] {key, String.valueOf(value)});
        }
    }

    private static String json(Map<String, Object> body) {
        try {
            return Http.JSON.writeValueAsString(jsonValue(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object jsonValue(Object value) {
        if (value == NULL) {
            return com.fasterxml.jackson.databind.node.NullNode.getInstance();
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), jsonValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(KongSpecClient::jsonValue).toList();
        }
        return value;
    }
}
