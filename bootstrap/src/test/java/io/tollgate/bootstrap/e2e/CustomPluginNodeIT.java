package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example custom plugin ({@code examples/hello-plugin}) on a real node: its jar dropped into
 * {@code <prefix>/plugins}, enabled with {@code plugins = bundled,hello}, an instance created through the Admin API
 * (validated with the plugin's own schema) and a request proxied through it to a real upstream. And the start-up
 * failures: a broken jar, a plugin listed but not installed.
 */
class CustomPluginNodeIT {

    @TempDir
    Path dir;

    static Path helloJar() {
        Path jar = Path.of(System.getProperty("hello.plugin.jar", "../examples/hello-plugin/target/hello-plugin.jar"));
        assertThat(jar)
                .as("the example plugin is built before bootstrap's tests")
                .isRegularFile();
        return jar;
    }

    @Test
    void a_custom_plugin_jar_in_the_prefix_runs_on_a_real_node() throws Exception {
        Path plugins = Files.createDirectories(dir.resolve("custom").resolve("plugins"));
        Files.copy(helloJar(), plugins.resolve("hello-plugin.jar"));
        try (EchoUpstream upstream = new EchoUpstream();
                NodeProcess node = NodeProcess.start("custom", dir, Map.of("plugins", "bundled,hello"))) {
            String admin = node.admin();

            JsonNode root = get(admin + "/").json();
            assertThat(root.path("plugins")
                            .path("available_on_server")
                            .path("hello")
                            .path("version")
                            .asText())
                    .isEqualTo("1.0.0");
            assertThat(root.path("plugins").path("available_on_server").has("key-auth"))
                    .isTrue();
            JsonNode schema = get(admin + "/schemas/plugins/hello").json();
            assertThat(schema.toString()).contains("greeting").contains("header_name");

            // validated with the plugin's schema, refused with Kong's schema-violation body
            Http.Response invalid = post(admin + "/plugins", "{\"name\":\"hello\",\"config\":{\"greeting\":42}}");
            assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
            assertThat(invalid.json().path("name").asText()).isEqualTo("schema violation");
            assertThat(invalid.json().path("fields").path("config").has("greeting"))
                    .as(invalid.body())
                    .isTrue();

            assertThat(post(admin + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(admin + "/services/echo/routes", "{\"name\":\"hi\",\"paths\":[\"/hi\"]}")
                            .status())
                    .isEqualTo(201);
            Http.Response created =
                    post(admin + "/routes/hi/plugins", "{\"name\":\"hello\",\"config\":{\"greeting\":\"Bonjour\"}}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            assertThat(created.json().path("config").path("header_name").asText())
                    .isEqualTo("X-Hello");

            Http.await(
                    node.proxy() + "/hi/there",
                    r -> r.status() == 200 && r.body().contains("Bonjour, world"),
                    Duration.ofSeconds(20));
            HttpResponse<String> proxied = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(node.proxy() + "/hi/there"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).isEqualTo(200);
            assertThat(Http.JSON
                            .readTree(proxied.body())
                            .path("headers")
                            .path("x-hello")
                            .asText())
                    .isEqualTo("Bonjour, world");
            assertThat(proxied.headers().firstValue("X-Hello-Plugin")).hasValue("1.0.0");

            // the plugin ends the request: Kong's message body, and its header_filter still runs
            HttpResponse<String> stopped = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(node.proxy() + "/hi/there?hello=stop"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(stopped.statusCode()).isEqualTo(418);
            assertThat(Http.JSON.readTree(stopped.body()).path("message").asText())
                    .isEqualTo("Bonjour, teapot");
            assertThat(stopped.headers().firstValue("X-Hello-Plugin")).hasValue("1.0.0");

            // a plugin this node does not enable is refused with Kong's message
            Http.Response refused = post(admin + "/plugins", "{\"name\":\"rate-limiting\",\"config\":{}}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("fields").path("name").asText())
                    .isEqualTo("plugin 'rate-limiting' not enabled; add it to the 'plugins' configuration property");
        }
    }

    @Test
    void without_hello_in_plugins_the_jar_is_found_but_not_enabled_and_a_broken_jar_stops_start_up() throws Exception {
        Path prefix = dir.resolve("broken");
        Path plugins = Files.createDirectories(prefix.resolve("plugins"));
        Path conf = dir.resolve("broken.conf");
        Files.writeString(conf, "prefix = " + prefix + "\nplugins = bundled,hello\n");

        // listed but not installed
        NodeProcess.CommandResult missing = NodeProcess.command(Duration.ofSeconds(60), "start", "-c", conf.toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("Error: plugin 'hello' is enabled in 'plugins' but not installed");

        // a jar that is not a jar: one line naming it and the cause
        Path broken = plugins.resolve("broken.jar");
        Files.writeString(broken, "not a zip");
        NodeProcess.CommandResult failed = NodeProcess.command(Duration.ofSeconds(60), "start", "-c", conf.toString());
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(failed.output())
                .containsOnlyOnce("could not load plugin jar")
                .contains("Error: could not load plugin jar " + broken + ": java.util.zip.ZipException");
    }
}
