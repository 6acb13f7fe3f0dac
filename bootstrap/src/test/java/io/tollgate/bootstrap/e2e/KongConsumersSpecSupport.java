package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the ports of Kong's {@code 03-consumers_routes_spec} share: the three encodings Kong's spec sends a body in,
 * Kong's blueprints for a consumer and for a consumer-scoped plugin, and Kong's error bodies.
 */
final class KongConsumersSpecSupport {

    static final String NOT_FOUND = "{\"message\":\"Not found\"}";
    static final String CANNOT_PARSE = "{\"message\":\"Cannot parse JSON body\"}";

    /**
     * The stand-in for the test-only plugin Kong's spec scopes to consumers ({@code rewriter}: a string
     * {@code config.value} and an optional {@code config.extra}): {@code config.message} and
     * {@code config.status_code}.
     */
    static final String PLUGIN = "request-termination";

    private static final String BOUNDARY = "kong-spec-boundary";
    private static final AtomicInteger SEQ = new AtomicInteger();

    private KongConsumersSpecSupport() {}

    /** The three ways Kong's spec sends a body. */
    enum Type {
        FORM("application/x-www-form-urlencoded"),
        MULTIPART("multipart/form-data; boundary=" + BOUNDARY),
        JSON("application/json");

        final String contentType;

        Type(String contentType) {
            this.contentType = contentType;
        }

        /** {@code body} in this encoding: nested records as {@code a.b} fields in the two forms. */
        String encode(ObjectNode body) {
            return switch (this) {
                case JSON -> body.toString();
                case FORM -> AdminExamples.toForm(body);
                case MULTIPART -> multipart(body);
            };
        }

        /** As Kong's test client: one part per field, and no body at all (no closing delimiter) without fields. */
        private static String multipart(ObjectNode body) {
            StringBuilder out = new StringBuilder();
            parts("", body, out);
            return out.isEmpty()
                    ? ""
                    : out.append("--").append(BOUNDARY).append("--\r\n").toString();
        }

        private static void parts(String prefix, JsonNode node, StringBuilder out) {
            node.properties().forEach(e -> {
                String key = prefix + e.getKey();
                if (e.getValue().isObject()) {
                    parts(key + ".", e.getValue(), out);
                } else {
                    out.append("--")
                            .append(BOUNDARY)
                            .append("\r\nContent-Disposition: form-data; name=\"")
                            .append(key)
                            .append("\"\r\n\r\n")
                            .append(e.getValue().asText())
                            .append("\r\n");
                }
            });
        }
    }

    /** A number no other call in this JVM gets. */
    static int next() {
        return SEQ.incrementAndGet();
    }

    /** Kong's {@code gensym}: a fresh name with a space in it (for the urlencoded variants). */
    static String gensym() {
        return "abc def " + next();
    }

    /** A JSON object of {@code fields}: alternating dotted name ({@code config.message}) and value. */
    static ObjectNode body(Object... fields) {
        ObjectNode body = Http.JSON.createObjectNode();
        for (int i = 0; i < fields.length; i += 2) {
            String[] path = ((String) fields[i]).split("\\.");
            ObjectNode at = body;
            for (int k = 0; k < path.length - 1; k++) {
                at = at.has(path[k]) ? (ObjectNode) at.get(path[k]) : at.putObject(path[k]);
            }
            at.set(path[path.length - 1], Http.JSON.valueToTree(fields[i + 1]));
        }
        return body;
    }

    /** {@code method url} with {@code fields} (see {@link #body}) encoded as {@code type}. */
    static Http.Response call(String method, String url, Type type, Object... fields) {
        return Http.sendAs(method, url, type.contentType, type.encode(body(fields)));
    }

    /** A path segment percent-escaped as Kong's test client escapes it (a space as {@code %20}). */
    static String escape(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode json(String text) {
        try {
            return Http.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static void assertReply(Http.Response reply, int status, String body) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json()).isEqualTo(json(body));
    }

    /** The body of {@code reply}, which must have {@code status}. */
    static JsonNode ok(Http.Response reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        return reply.json();
    }

    /** Kong's consumer blueprint on {@code admin}: a unique username and custom_id, and these tags. */
    static JsonNode consumer(String admin, String... tags) {
        int n = next();
        ObjectNode body = body("username", "consumer-username-" + n, "custom_id", "consumer-id-" + n);
        body.set("tags", Http.JSON.valueToTree(tags));
        return ok(Http.post(admin + "/consumers", body.toString()), 201);
    }

    /** The {@link #PLUGIN} scoped to {@code consumer}, with {@code config} (as {@link #body}). */
    static JsonNode plugin(String admin, JsonNode consumer, Object... config) {
        ObjectNode body = body("name", PLUGIN);
        body.putObject("consumer").put("id", id(consumer));
        body.set("config", body(config));
        return ok(Http.post(admin + "/plugins", body.toString()), 201);
    }

    static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** Kong's schema-violation body (code 2). */
    static String schemaViolation(String fields, String message) {
        return "{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation (" + message + ")\","
                + "\"fields\":" + fields + "}";
    }
}
