package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxy_error_log} and {@code log_format} on a real node: with a file and JSON, every line the node logs
 * (Tollgate's and the libraries') is one JSON object in the file, the console keeps only the start-up summary, and
 * {@code GET /} shows both properties.
 */
class NodeLogIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void a_json_error_log_file_gets_every_line_and_the_console_only_the_summary() throws Exception {
        Path file;
        String console;
        try (NodeProcess node =
                NodeProcess.start("json-log", dir, Map.of("log_format", "json", "proxy_error_log", "logs/error.log"))) {
            file = node.prefix().resolve("logs/error.log");
            JsonNode configuration =
                    JSON.readTree(Http.get(node.admin() + "/").body()).get("configuration");
            assertThat(configuration.get("log_format").asText()).isEqualTo("json");
            assertThat(configuration.get("proxy_error_log").asText()).isEqualTo(file.toString());
            int closed;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closed = socket.getLocalPort(); // nothing listens there once the socket is closed
            }
            assertThat(Http.post(
                                    node.admin() + "/services",
                                    "{\"name\":\"down\",\"url\":\"http://127.0.0.1:" + closed + "\",\"retries\":0}")
                            .status())
                    .isEqualTo(201);
            assertThat(Http.post(node.admin() + "/services/down/routes", "{\"paths\":[\"/down\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(Http.get(node.proxy() + "/down/x").status()).isEqualTo(502);

            CliProcess.Result quit =
                    CliProcess.run(dir, "quit", "-p", node.prefix().toString());
            assertThat(quit.exitCode()).as(quit.err()).isZero();
            assertThat(node.awaitExit(Duration.ofSeconds(60))).isZero();
            console = node.log();
        }

        assertThat(console).contains("started: proxy http://127.0.0.1:");
        // the JVM's own warnings (JDK 24+: "WARNING: A terminally deprecated method in sun.misc.Unsafe has been called"
        // when Undertow first frees a direct buffer, which the proxied request may or may not cause) are not log lines
        String logged = console.lines()
                .filter(line -> !line.startsWith("WARNING: "))
                .collect(java.util.stream.Collectors.joining("\n"));
        assertThat(logged).doesNotContain("Tollgate stopped", "INFO", "WARN");
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).isNotEmpty();
        List<JsonNode> events = lines.stream().map(NodeLogIT::parse).toList();
        assertThat(events).allSatisfy(event -> {
            assertThat(event.get("timestamp").isNumber()).isTrue();
            assertThat(event.get("level").asText()).isIn("TRACE", "DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.get("loggerName").asText()).isNotBlank();
        });
        assertThat(events)
                .anySatisfy(event ->
                        assertThat(event.get("formattedMessage").asText()).isEqualTo("Tollgate stopped"));
        // a failed try is one line, as in nginx's error log, not Undertow's stack trace
        assertThat(events).anySatisfy(event -> {
            assertThat(event.get("level").asText()).isEqualTo("ERROR");
            assertThat(event.get("formattedMessage").asText())
                    .startsWith("could not connect to the upstream (try 1), client: 127.0.0.1, request: \"GET"
                            + " /down/x\", upstream: 127.0.0.1:");
        });
        assertThat(events)
                .noneSatisfy(
                        event -> assertThat(event.get("loggerName").asText()).startsWith("io.undertow.proxy"));
    }

    @Test
    void sigterm_stops_the_node_gracefully_before_its_embedded_postgres() throws Exception {
        try (NodeProcess node = NodeProcess.start("sigterm", dir, Map.of())) {
            node.stop(); // SIGTERM, as Ctrl-C, systemd and docker stop send
            String log = node.log();
            assertThat(log).contains("stopping: finishing in-flight requests", "Tollgate stopped");
            assertThat(log)
                    .as("the embedded PostgreSQL is stopped last, by the node, not under it by a hook of its own")
                    .doesNotContain("WARN", "ERROR", "terminating connection");
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not one JSON object per line: " + line, e);
        }
    }
}
