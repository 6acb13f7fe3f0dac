package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's list and introspection conventions on a real node and its embedded PostgreSQL: tag filters and {@code /tags}
 * (the V4 indexes and JSONB operators), {@code ?custom_id=}, {@code PUT /routes/{r}/service}, the OpenAPI document,
 * and {@code admin_gui_url} from the configuration file.
 */
class AdminConventionsNodeIT {

    @TempDir
    Path dir;

    @Test
    void conventions_on_a_real_node() throws Exception {
        try (NodeProcess node =
                NodeProcess.start("conventions", dir, Map.of("admin_gui_url", "http://gui.example:8002/manager"))) {
            String admin = node.admin();
            assertThat(post(admin + "/services", "{\"name\":\"ab\",\"host\":\"a.test\",\"tags\":[\"a\",\"b\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(admin + "/services", "{\"name\":\"b\",\"host\":\"b.test\",\"tags\":[\"b\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(names(get(admin + "/services?tags=a,b"))).containsExactly("ab");
            assertThat(names(get(admin + "/services?tags=a/b"))).containsExactlyInAnyOrder("ab", "b");
            assertThat(get(admin + "/services?tags=a,b/c").status()).isEqualTo(400);
            assertThat(get(admin + "/tags/b").json().get("data")).hasSize(2);
            assertThat(get(admin + "/tags").json().get("data")).hasSize(3);

            assertThat(post(admin + "/consumers", "{\"username\":\"alice\",\"custom_id\":\"c-1\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(get(admin + "/consumers?custom_id=c-1")
                            .json()
                            .get("data")
                            .get(0)
                            .get("username")
                            .asText())
                    .isEqualTo("alice");

            assertThat(post(admin + "/routes", "{\"name\":\"r\",\"paths\":[\"/r\"]}")
                            .status())
                    .isEqualTo(201);
            Http.Response linked = send("PUT", admin + "/routes/r/service", "{\"host\":\"made.test\"}");
            assertThat(linked.status()).as(linked.body()).isEqualTo(200);
            assertThat(get(admin + "/routes/r").json().get("service").get("id").asText())
                    .isEqualTo(linked.json().get("id").asText());

            assertThat(get(admin + "/openapi.json").json().get("paths").has("/routes/{routes}/service"))
                    .isTrue();
            Http.Response cors = get(admin + "/services", "Origin", "http://gui.example:8002");
            assertThat(cors.status()).isEqualTo(200);
            assertThat(get(admin + "/")
                            .json()
                            .get("configuration")
                            .get("admin_gui_url")
                            .get(0)
                            .asText())
                    .isEqualTo("http://gui.example:8002/manager");
        }
    }

    /**
     * Kong spec cases that depend on the database (UTF-8 keys, tags with spaces in PostgreSQL's arrays) or on the
     * node's own wiring (the {@code Server} version), on a real node: 10-services_routes_spec "retrieves by utf-8
     * name and percent-escaped utf-8 name", 02-kong_routes_spec "returns headers with HEAD method", 14-tags_spec
     * "filter by single tag" and "/tags/:tags" for a tag with a space.
     */
    @Test
    void kong_spec_cases_on_a_real_node() throws Exception {
        try (NodeProcess node = NodeProcess.start("kong-spec", dir, Map.of())) {
            String admin = node.admin();
            Http.Response yen =
                    post(admin + "/services", "{\"name\":\"円\",\"host\":\"yen.test\",\"tags\":[\"corp a\"]}");
            assertThat(yen.status()).as(yen.body()).isEqualTo(201);
            assertThat(post(admin + "/services", "{\"name\":\"b\",\"host\":\"b.test\",\"tags\":[\"corp b\"]}")
                            .status())
                    .isEqualTo(201);
            Http.Response escaped = get(admin + "/services/%E5%86%86");
            assertThat(escaped.status()).as(escaped.body()).isEqualTo(200);
            assertThat(escaped.json().get("id")).isEqualTo(yen.json().get("id"));

            assertThat(names(get(admin + "/services?tags=corp%20a"))).containsExactly("円");
            Http.Response tagged = get(admin + "/tags/corp%20a");
            assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
            assertThat(tagged.json().get("data")).hasSize(1);
            assertThat(tagged.json().get("data").get(0).get("tag").asText()).isEqualTo("corp a");

            String version = get(admin + "/").json().get("version").asText();
            assertThat(raw(admin, "GET /services")).contains("Server: tollgate/" + version);
            String head = raw(admin, "HEAD /");
            assertThat(head)
                    .startsWith("HTTP/1.1 200")
                    .contains("Server: tollgate/" + version)
                    .endsWith("\r\n\r\n");
        }
    }

    /** One raw request (request line as given) and the whole answer as text. */
    private static String raw(String base, String requestLine) throws Exception {
        java.net.URI uri = java.net.URI.create(base);
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream()
                    .write((requestLine + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static List<String> names(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        response.json().get("data").forEach(s -> names.add(s.get("name").asText()));
        return names;
    }
}
