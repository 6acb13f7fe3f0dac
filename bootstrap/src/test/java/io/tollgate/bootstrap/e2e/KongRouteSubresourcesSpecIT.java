package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.NULL;
import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.json;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.texts;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.KongSpecClient.ContentType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's {@code spec/02-integration/04-admin_api/09-routes_routes_spec.lua}, its {@code /routes/{route}/service}
 * and {@code /routes/{route}/plugins} cases (the rest are {@link KongRoutesRoutesSpecIT}), against one real node.
 * Kong's PATCH and PUT cases of {@code /routes/{route}/service} assert the same facts, so each pair is one test here.
 * The three {@code DELETE /routes/{route}/service} cases are in adapters-http's {@code KongAdminSpecIT}; Kong's
 * "returns 409 on id conflict (same plugin id)" is pending in Kong itself.
 */
class KongRouteSubresourcesSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-route-nested", dir, Map.of());
        client = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** 09-routes_routes_spec: "/routes/{route}/service GET retrieves by id" and "… by name". */
    @Test
    void service_get_retrieves_by_id_and_by_name() {
        JsonNode service = client.service();
        JsonNode route = client.route(
                "name", unique("my-get-route"),
                "paths", List.of("/my-route"),
                "service", Map.of("id", service.get("id").asText()));
        for (String field : List.of("id", "name")) {
            assertThat(ok(client.get("/routes/" + route.get(field).asText() + "/service"), 200))
                    .isEqualTo(service);
        }
    }

    /** 09-routes_routes_spec: "/routes/{route}/service GET returns 404 if not found" and "… by name". */
    @Test
    void service_get_returns_404_if_not_found_by_id_and_by_name() {
        assertThat(client.get("/routes/" + UUID.randomUUID() + "/service").status())
                .isEqualTo(404);
        assertThat(client.get("/routes/my-in-existent-route/service").status()).isEqualTo(404);
    }

    /** 09-routes_routes_spec: "/routes/{route}/service GET ignores an invalid body". */
    @Test
    void service_get_ignores_an_invalid_body() {
        JsonNode route = client.route("paths", List.of("/my-route"));
        Http.Response r = Http.sendAs(
                "GET",
                node.admin() + "/routes/" + route.get("id").asText() + "/service",
                "application/json",
                "this fails if decoded as json");
        assertThat(r.status()).isEqualTo(200);
    }

    /**
     * 09-routes_routes_spec: "/routes/{route}/service PATCH updates if found" and "… by name", and PUT's (form,
     * json): the route's service takes the new name and host and loses its path.
     */
    @ParameterizedTest
    @EnumSource(
            value = ContentType.class,
            names = {"FORM", "JSON"})
    void service_patch_and_put_update_if_found_by_id_and_by_name(ContentType type) {
        for (String method : List.of("PATCH", "PUT")) {
            for (String field : List.of("id", "name")) {
                JsonNode service = client.service();
                JsonNode route = client.route(
                        "name", unique("my-service-patch-route"),
                        "paths", List.of("/my-route"),
                        "service", Map.of("id", service.get("id").asText()));
                String name = "name-" + service.get("name").asText();
                String host = "edited-" + service.get("host").asText();
                JsonNode json = ok(
                        client.send(
                                method,
                                "/routes/" + route.get(field).asText() + "/service",
                                type,
                                body("name", name, "host", host, "path", NULL)),
                        200);
                assertThat(json.get("name").asText()).as(method).isEqualTo(name);
                assertThat(json.get("host").asText()).isEqualTo(host);
                assertThat(json.get("path").isNull()).isTrue();
                assertThat(json.get("id")).isEqualTo(service.get("id"));
                assertThat(ok(client.get("/services/" + service.get("id").asText()), 200))
                        .isEqualTo(json);
            }
        }
    }

    /** 09-routes_routes_spec: "/routes/{route}/service PATCH updates with url", and PUT's (all three). */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void service_patch_and_put_update_with_url(ContentType type) {
        for (String method : List.of("PATCH", "PUT")) {
            JsonNode service = client.service();
            JsonNode route = client.route(
                    "paths",
                    List.of("/my-route"),
                    "service",
                    Map.of("id", service.get("id").asText()));
            JsonNode json = ok(
                    client.send(
                            method,
                            "/routes/" + route.get("id").asText() + "/service",
                            type,
                            body("url", "http://edited2.com:1234/foo")),
                    200);
            assertThat(json.get("host").asText()).as(method).isEqualTo("edited2.com");
            assertThat(json.get("port").asInt()).isEqualTo(1234);
            assertThat(json.get("path").asText()).isEqualTo("/foo");
            assertThat(ok(client.get("/services/" + service.get("id").asText()), 200))
                    .isEqualTo(json);
        }
    }

    /** 09-routes_routes_spec: "/routes/{route}/service PATCH errors returns 404 if not found", and PUT's. */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void service_patch_and_put_return_404_if_not_found(ContentType type) {
        for (String method : List.of("PATCH", "PUT")) {
            Http.Response r = client.send(
                    method,
                    "/routes/" + UUID.randomUUID() + "/service",
                    type,
                    body("name", "edited", "host", "edited.com", "path", NULL));
            assertThat(r.status()).as(method).isEqualTo(404);
        }
    }

    /** 09-routes_routes_spec: "/routes/{route}/service PATCH errors handles invalid input", and PUT's. */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void service_patch_and_put_handle_invalid_input(ContentType type) {
        JsonNode route = client.route("paths", List.of("/my-route"));
        String path = "/routes/" + route.get("id").asText() + "/service";
        assertThat(ok(client.send("PATCH", path, type, body("connect_timeout", "foobar")), 400))
                .isEqualTo(json("{\"code\":2,\"name\":\"schema violation\",\"message\":\"schema violation "
                        + "(connect_timeout: expected an integer)\",\"fields\":{\"connect_timeout\":"
                        + "\"expected an integer\"}}"));
        assertThat(ok(client.send("PUT", path, type, body("connect_timeout", "foobar")), 400))
                .isEqualTo(json("{\"code\":2,\"name\":\"schema violation\",\"message\":\"2 schema violations "
                        + "(connect_timeout: expected an integer; host: required field missing)\",\"fields\":"
                        + "{\"connect_timeout\":\"expected an integer\",\"host\":\"required field missing\"}}"));
    }

    /** 09-routes_routes_spec: "/routes/{route}/service PUT creates if not found" (form, json). */
    @ParameterizedTest
    @EnumSource(
            value = ContentType.class,
            names = {"FORM", "JSON"})
    void service_put_creates_if_not_found(ContentType type) {
        JsonNode route = client.create("/routes", body("paths", List.of("/my-route")));
        JsonNode json = ok(
                client.send(
                        "PUT",
                        "/routes/" + route.get("id").asText() + "/service",
                        type,
                        body("url", "http://httpbin.org")),
                200);
        assertThat(json.get("host").asText()).isEqualTo("httpbin.org");
        assertThat(ok(client.get("/services/" + json.get("id").asText()), 200)).isEqualTo(json);
        assertThat(ok(client.get("/routes/" + route.get("id").asText()), 200)
                        .get("service")
                        .get("id"))
                .isEqualTo(json.get("id"));
    }

    /** 09-routes_routes_spec: "/routes/{route}/plugins POST creates a plugin config on a Route" (form, json). */
    @ParameterizedTest
    @EnumSource(
            value = ContentType.class,
            names = {"FORM", "JSON"})
    void creates_a_plugin_config_on_a_route(ContentType type) {
        JsonNode route = client.route("paths", List.of("/my-route"));
        JsonNode json = ok(
                client.send(
                        "POST",
                        "/routes/" + route.get("id").asText() + "/plugins",
                        type,
                        body("name", "key-auth", "config", Map.of("key_names", List.of("apikey", "key")))),
                201);
        assertThat(json.get("name").asText()).isEqualTo("key-auth");
        assertThat(texts(json.get("config").get("key_names"))).containsExactly("apikey", "key");
        assertThat(json.get("route").get("id")).isEqualTo(route.get("id"));
    }

    /**
     * 09-routes_routes_spec: "/routes/{route}/plugins POST errors handles invalid input" (all three; the multipart
     * body is the closing delimiter alone, which Kong reads as no fields).
     */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void plugins_post_handles_invalid_input(ContentType type) {
        JsonNode route = client.route("paths", List.of("/my-route"));
        assertThat(ok(client.send("POST", "/routes/" + route.get("id").asText() + "/plugins", type, body()), 400))
                .isEqualTo(json("{\"code\":2,\"fields\":{\"name\":\"required field missing\"},"
                        + "\"message\":\"schema violation (name: required field missing)\","
                        + "\"name\":\"schema violation\"}"));
    }

    /** 09-routes_routes_spec: "/routes/{route}/plugins POST errors returns 409 on conflict (same plugin name)". */
    @ParameterizedTest
    @EnumSource(ContentType.class)
    void returns_409_on_conflict_same_plugin_name(ContentType type) {
        JsonNode route = client.route("paths", List.of("/my-route"));
        String id = route.get("id").asText();
        String path = "/routes/" + id + "/plugins";
        assertThat(client.send("POST", path, type, body("name", "basic-auth")).status())
                .isEqualTo(201);
        String conflict = "{consumer=null,name=\\\"basic-auth\\\",route={id=\\\"" + id + "\\\"},service=null}";
        assertThat(ok(client.send("POST", path, type, body("name", "basic-auth")), 409))
                .isEqualTo(json("{\"code\":5,\"fields\":{\"consumer\":null,\"name\":\"basic-auth\","
                        + "\"route\":{\"id\":\"" + id + "\"},\"service\":null},"
                        + "\"message\":\"UNIQUE violation detected on '" + conflict + "'\","
                        + "\"name\":\"unique constraint violation\"}"));
    }

    /** 09-routes_routes_spec: "/routes/{route}/plugins GET retrieves the first page" and "… by name". */
    @Test
    void plugins_get_retrieves_the_first_page_by_id_and_by_name() {
        JsonNode route = client.route("name", unique("my-plugins-route"), "paths", List.of("/my-route"));
        client.create(
                "/plugins",
                body("name", "key-auth", "route", Map.of("id", route.get("id").asText())));
        for (String field : List.of("id", "name")) {
            assertThat(ok(client.get("/routes/" + route.get(field).asText() + "/plugins"), 200)
                            .get("data"))
                    .hasSize(1);
        }
    }

    /** 09-routes_routes_spec: "/routes/{route}/plugins GET ignores an invalid body". */
    @Test
    void plugins_get_ignores_an_invalid_body() {
        JsonNode route = client.route("paths", List.of("/my-route"));
        Http.Response r = Http.sendAs(
                "GET",
                node.admin() + "/routes/" + route.get("id").asText() + "/plugins",
                "application/json",
                "this fails if decoded as json");
        assertThat(r.status()).isEqualTo(200);
    }
}
