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

            // response (buffered) and log phases: a footer appended to the upstream's whole body, and Kong's log
            // serializer written by the plugin's log phase
            Path logFile = dir.resolve("hello.log");
            assertThat(post(admin + "/services/echo/routes", "{\"name\":\"logged\",\"paths\":[\"/logged\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(admin + "/routes/logged/plugins", "{\"name\":\"key-auth\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(admin + "/consumers", "{\"username\":\"ada\"}").status())
                    .isEqualTo(201);
            String credential = post(admin + "/consumers/ada/key-auth", "{\"key\":\"ada-key\"}")
                    .json()
                    .path("id")
                    .asText();
            Http.Response logged = post(
                    admin + "/routes/logged/plugins",
                    "{\"name\":\"hello\",\"config\":{\"footer\":\"<!-- hello -->\",\"log_file\":"
                            + Http.JSON.writeValueAsString(logFile.toString()) + "}}");
            assertThat(logged.status()).as(logged.body()).isEqualTo(201);
            String[] headers = {"apikey", "ada-key", "Authorization", "Bearer secret"};
            Http.await(
                    node.proxy() + "/logged/warm",
                    r -> r.status() == 200 && r.body().endsWith("<!-- hello -->"),
                    Duration.ofSeconds(20),
                    headers);
            Http.Response footed = get(node.proxy() + "/logged/x?a=1&a=2", headers);
            assertThat(footed.status()).isEqualTo(200);
            String upstreamBody = footed.body().substring(0, footed.body().length() - "<!-- hello -->".length());
            assertThat(Http.JSON.readTree(upstreamBody).path("path").asText()).isEqualTo("/x");
            assertThat(footed.header("X-Hello-Upstream-Length"))
                    .isEqualTo(Integer.toString(upstreamBody.getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            assertThat(footed.header("Content-Length"))
                    .isEqualTo(
                            Integer.toString(footed.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
            assertThat(footed.header("X-Hello-Plugin"))
                    .as("header_filter runs after response")
                    .isEqualTo("1.0.0");

            JsonNode entry = org.awaitility.Awaitility.await()
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> loggedRequest(logFile, "/logged/x?a=1&a=2"), java.util.Objects::nonNull);
            assertThat(entry.path("request").path("method").asText()).isEqualTo("GET");
            assertThat(entry.path("request").path("uri").asText()).isEqualTo("/logged/x?a=1&a=2");
            assertThat(entry.path("request").path("url").asText())
                    .endsWith("/logged/x?a=1&a=2")
                    .startsWith("http://");
            assertThat(entry.path("request").path("querystring").path("a").toString())
                    .isEqualTo("[\"1\",\"2\"]");
            assertThat(entry.path("request")
                            .path("headers")
                            .path("authorization")
                            .asText())
                    .isEqualTo("REDACTED");
            assertThat(entry.path("request").path("headers").path("apikey").asText())
                    .isEqualTo("ada-key");
            assertThat(entry.path("request").path("size").asLong()).isPositive();
            assertThat(entry.path("request").path("id").asText()).hasSize(32);
            assertThat(entry.path("response").path("status").asInt()).isEqualTo(200);
            assertThat(entry.path("response").path("size").asLong())
                    .isGreaterThan(footed.body().length());
            assertThat(entry.path("upstream_status").asText()).isEqualTo("200");
            assertThat(entry.path("upstream_uri").asText()).isEqualTo("/x?a=1&a=2");
            assertThat(entry.path("latencies").path("proxy").asLong()).isNotNegative();
            assertThat(entry.path("latencies").path("request").asLong())
                    .isGreaterThanOrEqualTo(
                            entry.path("latencies").path("proxy").asLong());
            assertThat(entry.path("latencies").has("kong")).isTrue();
            assertThat(entry.path("latencies").has("receive")).isTrue();
            assertThat(entry.path("tries").size()).isEqualTo(1);
            assertThat(entry.path("tries").get(0).path("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(entry.path("tries").get(0).path("port").asInt())
                    .isEqualTo(URI.create(upstream.url()).getPort());
            assertThat(entry.path("authenticated_entity").path("id").asText()).isEqualTo(credential);
            assertThat(entry.path("consumer").path("username").asText()).isEqualTo("ada");
            assertThat(entry.path("route").path("name").asText()).isEqualTo("logged");
            assertThat(entry.path("route").path("paths").toString()).isEqualTo("[\"/logged\"]");
            assertThat(entry.path("service").path("name").asText()).isEqualTo("echo");
            assertThat(entry.path("source").asText()).isEqualTo("upstream");
            assertThat(entry.path("workspace_name").asText()).isEqualTo("default");
            assertThat(entry.path("client_ip").asText()).isEqualTo("127.0.0.1");
            assertThat(entry.path("started_at").asLong()).isPositive();

            // a plugin this node does not enable is refused with Kong's message
            Http.Response refused = post(admin + "/plugins", "{\"name\":\"session\",\"config\":{}}");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.json().path("fields").path("name").asText())
                    .isEqualTo("plugin 'session' not enabled; add it to the 'plugins' configuration property");
        }
    }

    /** The entry of {@code logFile} (one JSON object per line) whose {@code request.uri} is {@code uri}, or null. */
    private static JsonNode loggedRequest(Path logFile, String uri) throws Exception {
        if (!Files.exists(logFile)) {
            return null;
        }
        for (String line : Files.readAllLines(logFile)) {
            JsonNode entry = Http.JSON.readTree(line);
            if (entry.path("request").path("uri").asText().equals(uri)) {
                return entry;
            }
        }
        return null;
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
