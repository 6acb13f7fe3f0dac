package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's CLI specs {@code spec/02-integration/02-cmd/17-drain_spec.lua} and {@code 17-unready_spec.lua} against
 * {@code tollgate drain} and {@code tollgate unready} run from the built jar, on three nodes: one with a plain status
 * listener, one with an {@code ssl} one, one without ({@code status_listen} off).
 *
 * <ul>
 *   <li>{@code 17-drain_spec.lua}, 5 cases: 3 ported; no counterpart for 2: "kong drain in hybrid mode" and
 *       "kong drain in DB-less mode" (Tollgate runs the traditional mode only).
 *   <li>{@code 17-unready_spec.lua}, 3 cases: 3 ported.
 * </ul>
 *
 * <p>Kong's command prints {@code Kong's status …}; Tollgate's says {@code Tollgate's status …}. Kong waits for its
 * workers to see the change ({@code wait_until}); Tollgate's node applies it before answering, so the 503 is checked
 * at once. Each test puts the node back in rotation afterwards ({@code POST /status/ready {"status":"ready"}},
 * Tollgate's addition), so the tests do not depend on their order.
 */
class KongDrainUnreadySpecIT {
    private static final String NL = System.lineSeparator();

    @TempDir
    static Path dir;

    static NodeProcess plain;
    static NodeProcess tls;
    static NodeProcess none;

    @BeforeAll
    static void start() throws Exception {
        plain = NodeProcess.start("drain-plain", dir, Map.of("status_listen", "127.0.0.1:" + NodeProcess.FREE_PORT));
        tls = NodeProcess.start(
                "drain-ssl", dir, Map.of("status_listen", "127.0.0.1:" + NodeProcess.FREE_PORT + " ssl"));
        none = NodeProcess.start("drain-none", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        for (NodeProcess node : new NodeProcess[] {plain, tls, none}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @AfterEach
    void backInRotation() throws Exception {
        for (NodeProcess node : new NodeProcess[] {plain, tls}) {
            assertThat(send(node, "POST", "/status/ready", "{\"status\":\"ready\"}")
                            .statusCode())
                    .isEqualTo(204);
        }
    }

    /** 17-drain_spec.lua: "should set Kong to 'draining'". */
    @Test
    void should_set_kong_to_draining() throws Exception {
        assertReady(plain);

        assertCommandSays(plain, "drain", "Tollgate's status successfully changed to 'draining'");
        assertUnavailable(plain, "draining");
    }

    /** 17-drain_spec.lua: "should return an error when trying to set 'draining' without a status listener". */
    @Test
    void should_return_an_error_when_trying_to_set_draining_without_a_status_listener() throws Exception {
        assertCommandSays(none, "drain", "No status listeners found in configuration.");
    }

    /** 17-drain_spec.lua: "should set Kong to 'draining' with SSL-enabled status listener". */
    @Test
    void should_set_kong_to_draining_with_ssl_enabled_status_listener() throws Exception {
        assertReady(tls);

        assertCommandSays(tls, "drain", "Tollgate's status successfully changed to 'draining'");
        assertUnavailable(tls, "draining");
    }

    /** 17-unready_spec.lua: "should set Kong to 'unready'". */
    @Test
    void should_set_kong_to_unready() throws Exception {
        assertReady(plain);

        assertCommandSays(plain, "unready", "Tollgate's status successfully changed to 'unready'");
        assertUnavailable(plain, "unready");
    }

    /** 17-unready_spec.lua: "should return an error when trying to set 'unready' without a status listener". */
    @Test
    void should_return_an_error_when_trying_to_set_unready_without_a_status_listener() throws Exception {
        assertCommandSays(none, "unready", "No status listeners found in configuration.");
    }

    /** 17-unready_spec.lua: "should set Kong to 'unready' with SSL-enabled status listener" (bodies compared). */
    @Test
    void should_set_kong_to_unready_with_ssl_enabled_status_listener() throws Exception {
        HttpResponse<String> before = send(tls, "GET", "/status/ready", null);
        assertThat(before.statusCode()).isEqualTo(200);
        assertThat(before.body()).isEqualTo("{\"message\":\"ready\"}");

        assertCommandSays(tls, "unready", "Tollgate's status successfully changed to 'unready'");
        HttpResponse<String> after = send(tls, "GET", "/status/ready", null);
        assertThat(after.statusCode()).isEqualTo(503);
        assertThat(after.body()).isEqualTo("{\"message\":\"unready\"}");
    }

    /** Tollgate's: no node under the prefix is a failure (exit 1), where Kong prints its failed request and exits 0. */
    @Test
    void drain_without_a_running_node_fails() throws Exception {
        CliProcess.Result drain =
                CliProcess.run(dir, "drain", "-p", dir.resolve("drain-none").toString() + "-gone");

        assertThat(drain.exitCode()).isEqualTo(1);
        assertThat(drain.err()).startsWith("Error: no such prefix: ");
    }

    /** {@code tollgate <command> -p <node's prefix>} prints {@code line} alone and exits 0, as Kong's command. */
    private static void assertCommandSays(NodeProcess node, String command, String line) throws Exception {
        CliProcess.Result result =
                CliProcess.run(dir, command, "-p", node.prefix().toString());

        assertThat(result.err()).isEmpty();
        assertThat(result.out()).isEqualTo(line + NL);
        assertThat(result.exitCode()).isZero();
    }

    private static void assertReady(NodeProcess node) throws Exception {
        assertThat(send(node, "GET", "/status/ready", null).statusCode()).isEqualTo(200);
    }

    private static void assertUnavailable(NodeProcess node, String state) throws Exception {
        HttpResponse<String> ready = send(node, "GET", "/status/ready", null);
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(Http.JSON.readTree(ready.body()).path("message").asText()).isEqualTo(state);
    }

    /** A request to the node's status API (over TLS without verifying its self-signed certificate, as Kong's). */
    private static HttpResponse<String> send(NodeProcess node, String method, String path, String json)
            throws Exception {
        String[] listen = node.settings.get("status_listen").split(" ");
        boolean ssl = listen.length > 1 && listen[1].equals("ssl");
        URI url = URI.create((ssl ? "https://" : "http://") + listen[0] + path);
        try (HttpClient client = HttpClient.newBuilder()
                .sslContext(TlsNodeIT.trustAll())
                .connectTimeout(Duration.ofSeconds(5))
                .build()) {
            HttpRequest.BodyPublisher body =
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
            return client.send(
                    HttpRequest.newBuilder(url)
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .method(method, body)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
