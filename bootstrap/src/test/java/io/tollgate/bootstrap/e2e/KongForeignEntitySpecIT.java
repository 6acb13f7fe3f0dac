package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kong's {@code spec/02-integration/04-admin_api/17-foreign-entity_spec.lua} on one real node: 18 of its 22
 * {@code it} cases (the three content types of one Kong title are one parameterized test). Kong runs them on a
 * test-only pair of entities, a reference with a foreign key {@code same} to an entity; here the pair is a route and
 * its {@code service} ({@code /routes/{route}/service}, {@code /services/{service}/routes/{route}}). Not ported:
 * "handles invalid input" (3 cases: the test-only entity's plain UUID field, which no core entity reached through a
 * nested endpoint has) and "invalidates cache on deletion" (a test-only warm-up endpoint and Kong's {@code /cache}).
 */
class KongForeignEntitySpecIT {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String MULTIPART = "multipart/form-data";
    private static final String BOUNDARY = "kong-spec-b0undary";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static String admin;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-foreign-entity", dir, Map.of());
        admin = node.admin();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** A service and a route pointing at it, both named after {@code prefix}. */
    private record Pair(JsonNode service, JsonNode route) {
        String routeId() {
            return route.get("id").asText();
        }

        String routeName() {
            return route.get("name").asText();
        }
    }

    private static Pair pair(String prefix) {
        String unique = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode service = created(
                post(admin + "/services", "{\"name\":\"" + unique + "-service\",\"host\":\"" + unique + ".test\"}"));
        JsonNode route = created(post(
                admin + "/routes",
                "{\"name\":\"" + unique + "-route\",\"paths\":[\"/" + unique + "\"],\"service\":{\"id\":\""
                        + service.get("id").asText() + "\"}}"));
        return new Pair(service, route);
    }

    /** 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same GET retrieves by id". */
    @Test
    void retrieves_by_id() {
        Pair pair = pair("by-id");
        assertThat(ok(get(admin + "/routes/" + pair.routeId() + "/service"))).isEqualTo(pair.service());
    }

    /** 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same GET retrieves by name". */
    @Test
    void retrieves_by_name() {
        Pair pair = pair("by-name");
        assertThat(ok(get(admin + "/routes/" + pair.routeName() + "/service"))).isEqualTo(pair.service());
    }

    /** 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same GET returns 404 if not found". */
    @Test
    void get_returns_404_if_not_found() {
        assertThat(get(admin + "/routes/" + UUID.randomUUID() + "/service").status())
                .isEqualTo(404);
    }

    /** 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same GET returns 404 if not found by name". */
    @Test
    void get_returns_404_if_not_found_by_name() {
        assertThat(get(admin + "/routes/my-in-existent-route/service").status()).isEqualTo(404);
    }

    /** 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same GET ignores an invalid body". */
    @Test
    void ignores_an_invalid_body() {
        Pair pair = pair("invalid-body");
        Http.Response response = Http.sendAs(
                "GET", admin + "/routes/" + pair.routeId() + "/service", JSON, "this fails if decoded as json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /**
     * 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same PATCH updates if found" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void updates_if_found(String contentType) {
        Pair pair = pair("patch-id");
        String edited = "name-" + pair.service().get("name").asText();
        JsonNode json = ok(sendIn(contentType, "PATCH", "/routes/" + pair.routeId() + "/service", "name", edited));
        assertThat(json.get("name").asText()).isEqualTo(edited);
        assertThat(ok(get(admin + "/services/" + pair.service().get("id").asText())))
                .isEqualTo(json);
    }

    /**
     * 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same PATCH updates if found by name" with
     * application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void updates_if_found_by_name(String contentType) {
        Pair pair = pair("patch-name");
        String edited = "name-" + pair.service().get("name").asText();
        JsonNode json = ok(sendIn(contentType, "PATCH", "/routes/" + pair.routeName() + "/service", "name", edited));
        assertThat(json.get("name").asText()).isEqualTo(edited);
        assertThat(ok(get(admin + "/services/" + pair.service().get("id").asText())))
                .isEqualTo(json);
    }

    /**
     * 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same PATCH errors returns 404 if not found"
     * with application/www-form-urlencoded, with multipart/form-data, with application/json.
     */
    @ParameterizedTest
    @ValueSource(strings = {FORM, MULTIPART, JSON})
    void patch_returns_404_if_not_found(String contentType) {
        Http.Response response =
                sendIn(contentType, "PATCH", "/routes/" + UUID.randomUUID() + "/service", "name", "edited");
        assertThat(response.status()).as(response.body()).isEqualTo(404);
    }

    /**
     * 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same DELETE errors returns HTTP 405 when
     * trying to delete a foreign entity that is referenced".
     */
    @Test
    void returns_http_405_when_trying_to_delete_a_foreign_entity_that_is_referenced() throws Exception {
        Pair pair = pair("delete-405");
        Http.Response response = Http.delete(admin + "/routes/" + pair.routeId() + "/service");
        assertThat(response.status()).as(response.body()).isEqualTo(405);
        assertThat(response.json()).isEqualTo(Http.JSON.readTree("{\"message\":\"Method not allowed\"}"));
    }

    /**
     * 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same DELETE errors returns HTTP 404 with
     * non-existing foreign entity".
     */
    @Test
    void returns_http_404_with_non_existing_foreign_entity() {
        assertThat(Http.delete(admin + "/services/" + UUID.randomUUID() + "/routes/" + UUID.randomUUID())
                        .status())
                .isEqualTo(404);
    }

    /**
     * 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same DELETE errors returns HTTP 404 with
     * non-existing foreign reference".
     */
    @Test
    void returns_http_404_with_non_existing_foreign_reference() {
        assertThat(Http.delete(admin + "/routes/" + UUID.randomUUID() + "/service")
                        .status())
                .isEqualTo(404);
    }

    /**
     * 17-foreign-entity_spec: "/foreign-references/{foreign-reference}/same DELETE errors returns HTTP 404 with
     * non-existing foreign reference by name".
     */
    @Test
    void returns_http_404_with_non_existing_foreign_reference_by_name() {
        assertThat(Http.delete(admin + "/routes/in-existent-route/service").status())
                .isEqualTo(404);
    }

    // ---------------------------------------------------------------- helpers

    /** Sends one string field as JSON, as a form, or as a multipart body. */
    private static Http.Response sendIn(String contentType, String method, String path, String field, String value) {
        String url = admin + path;
        return switch (contentType) {
            case JSON ->
                send(method, url, Http.JSON.createObjectNode().put(field, value).toString());
            case FORM ->
                Http.sendAs(
                        method,
                        url,
                        FORM,
                        URLEncoder.encode(field, StandardCharsets.UTF_8) + "="
                                + URLEncoder.encode(value, StandardCharsets.UTF_8));
            case MULTIPART ->
                Http.sendAs(
                        method,
                        url,
                        MULTIPART + "; boundary=" + BOUNDARY,
                        "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"\r\n\r\n" + value
                                + "\r\n--" + BOUNDARY + "--\r\n");
            default -> throw new IllegalArgumentException(contentType);
        };
    }

    private static JsonNode created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static JsonNode ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
