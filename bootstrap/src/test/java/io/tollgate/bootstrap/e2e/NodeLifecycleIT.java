package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's node lifecycle commands against real node processes: {@code health}, {@code quit} with requests in flight,
 * {@code stop}, the pid file, a second {@code start} on a busy prefix, and {@code check}.
 */
class NodeLifecycleIT {
    private static final int IN_FLIGHT = 20;

    @TempDir
    Path dir;

    @Test
    void start_health_quit_with_requests_in_flight_loses_none_then_health_says_not_running() throws Exception {
        try (SlowUpstream upstream = new SlowUpstream();
                EchoUpstream echo = new EchoUpstream();
                NodeProcess node = NodeProcess.start("quitting", dir, Map.of())) {
            Path prefix = node.prefix();
            Path pidFile = prefix.resolve("pids/tollgate.pid");
            assertThat(pidFile).exists();

            CliProcess.Result healthy = CliProcess.run(dir, "health", "-p", prefix.toString());
            assertThat(healthy.exitCode()).as(healthy.err()).isZero();
            assertThat(healthy.out()).contains("Tollgate is healthy at " + prefix);

            CliProcess.Result second =
                    CliProcess.run(dir, "start", "-c", node.conf().toString());
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.out() + second.err()).contains("Tollgate is already running at " + prefix);

            assertThat(post(node.admin() + "/services", "{\"name\":\"slow\",\"url\":\"" + upstream.url() + "\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(node.admin() + "/services/slow/routes", "{\"paths\":[\"/slow\"]}")
                            .status())
                    .isEqualTo(201);
            // A route created after /slow: once the proxy routes it, it routes /slow too.
            assertThat(post(node.admin() + "/services", "{\"name\":\"probe\",\"url\":\"" + echo.url() + "\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(node.admin() + "/services/probe/routes", "{\"paths\":[\"/probe\"]}")
                            .status())
                    .isEqualTo(201);
            Http.await(node.proxy() + "/probe", Http.status(200), Duration.ofSeconds(30));
            HttpClient client = HttpClient.newHttpClient();
            List<CompletableFuture<HttpResponse<String>>> inFlight = IntStream.range(0, IN_FLIGHT)
                    .mapToObj(i -> client.sendAsync(
                            HttpRequest.newBuilder(URI.create(node.proxy() + "/slow/" + i))
                                    .timeout(Duration.ofMinutes(1))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString()))
                    .toList();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> upstream.received() == IN_FLIGHT);

            CompletableFuture<CliProcess.Result> quit = CompletableFuture.supplyAsync(() -> {
                try {
                    return CliProcess.run(dir, "quit", "-p", prefix.toString(), "--timeout", "30");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            // The node has begun quitting once its proxy listener refuses new connections (nginx's graceful stop).
            URI proxy = URI.create(node.proxy());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> refused(proxy));
            assertThat(inFlight).noneMatch(CompletableFuture::isDone);
            upstream.release();

            for (CompletableFuture<HttpResponse<String>> response : inFlight) {
                HttpResponse<String> answered = response.get();
                assertThat(answered.statusCode()).isEqualTo(200);
                assertThat(answered.body()).startsWith("slow ");
            }
            CliProcess.Result quitted = quit.get();
            assertThat(quitted.exitCode()).as(quitted.err()).isZero();
            assertThat(quitted.out()).contains("Tollgate stopped (gracefully)");
            assertThat(node.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(pidFile).doesNotExist();

            CliProcess.Result gone = CliProcess.run(dir, "health", "-p", prefix.toString());
            assertThat(gone.exitCode()).isEqualTo(1);
            assertThat(gone.err()).isEqualTo("Error: Tollgate is not running at " + prefix + System.lineSeparator());
        }
    }

    @Test
    void stop_ends_the_node_at_once_and_removes_its_pid_file() throws Exception {
        try (NodeProcess node = NodeProcess.start("stopping", dir, Map.of())) {
            CliProcess.Result stopped =
                    CliProcess.run(dir, "stop", "--prefix", node.prefix().toString());
            assertThat(stopped.exitCode()).as(stopped.err()).isZero();
            assertThat(stopped.out()).isEqualTo("Tollgate stopped" + System.lineSeparator());
            assertThat(node.isAlive()).isFalse();
            assertThat(node.prefix().resolve("pids/tollgate.pid")).doesNotExist();
            assertThat(node.log()).contains("stopping now (tollgate stop)");

            CliProcess.Result again =
                    CliProcess.run(dir, "stop", "-p", node.prefix().toString());
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.err()).startsWith("Error: Tollgate is not running at ");
        }
    }

    @Test
    void check_accepts_a_good_file_and_rejects_a_bad_one_naming_the_property() throws Exception {
        Path good = Files.writeString(dir.resolve("good.conf"), "admin_listen = 127.0.0.1:8001\nlog_level = warn\n");
        Path bad = Files.writeString(
                dir.resolve("bad.conf"), "admin_listen = 127.0.0.1:8001\ndb_update_frequency = soon\n");

        CliProcess.Result ok = CliProcess.run(dir, "check", good.toString());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo("configuration at " + good + " is valid" + System.lineSeparator());

        CliProcess.Result rejected = CliProcess.run(dir, "check", bad.toString());
        assertThat(rejected.exitCode()).isEqualTo(1);
        assertThat(rejected.err())
                .isEqualTo("[error] invalid db_update_frequency: \"soon\" is not a number of seconds"
                        + System.lineSeparator());
        assertThat(rejected.out()).isEmpty();
    }

    @Test
    void reload_applies_headers_and_log_level_names_what_needs_a_restart_and_refuses_a_bad_file() throws Exception {
        try (EchoUpstream echo = new EchoUpstream();
                NodeProcess node = NodeProcess.start("reloading", dir, Map.of())) {
            assertThat(post(node.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + echo.url() + "\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(node.admin() + "/services/echo/routes", "{\"paths\":[\"/echo\"]}")
                            .status())
                    .isEqualTo(201);
            Http.await(node.proxy() + "/echo", Http.status(200), Duration.ofSeconds(30));
            assertThat(Http.get(node.proxy() + "/echo").header("X-Kong-Proxy-Latency"))
                    .isNotNull();

            String member = node.admin() + "/clustering/nodes/"
                    + Http.get(node.admin() + "/").json().get("node_id").asText();
            String startHash = Http.get(member).json().get("config_hash").asText();

            Path conf = node.conf();
            String original = Files.readString(conf);
            Files.writeString(
                    conf,
                    original + "headers = off\nlog_level = debug\nproxy_listen = 127.0.0.1:1\n"
                            + "db_update_frequency = 7\n");
            CliProcess.Result reloaded =
                    CliProcess.run(dir, "reload", "-p", node.prefix().toString());
            assertThat(reloaded.exitCode()).as(reloaded.err()).isZero();
            assertThat(reloaded.out())
                    .isEqualTo("Tollgate reloaded: applied db_update_frequency, log_level, headers"
                            + System.lineSeparator()
                            + "changed since start, applied only by a restart: proxy_listen" + System.lineSeparator());
            Awaitility.await("the nodes row shows the reloaded configuration at once")
                    .atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> {
                        var row = Http.get(member).json();
                        assertThat(row.get("heartbeat_interval").asDouble()).isEqualTo(7.0);
                        assertThat(row.get("config_hash").asText()).isNotEqualTo(startHash);
                    });
            Http.Response after = Http.get(node.proxy() + "/echo");
            assertThat(after.status()).isEqualTo(200);
            assertThat(after.header("X-Kong-Proxy-Latency")).isNull();
            assertThat(after.header("Via")).isNull();
            Http.Response admin = Http.get(node.admin() + "/");
            assertThat(admin.header("Server"))
                    .as("the Admin API's Server with headers = off")
                    .isNull();
            assertThat(admin.header("X-Kong-Admin-Latency")).isNull();
            assertThat(node.log()).contains("Tollgate reloaded: applied db_update_frequency, log_level, headers");
            var shown = admin.json().get("configuration");
            assertThat(shown.get("headers").toString())
                    .as("GET / shows the reloaded values, as Kong's new workers do")
                    .isEqualTo("[\"off\"]");
            assertThat(shown.get("log_level").asText()).isEqualTo("debug");
            assertThat(shown.get("proxy_listen").toString())
                    .as("a property only a restart applies shows the value in effect")
                    .doesNotContain("127.0.0.1:1\"");

            Files.writeString(conf, original + "headers = server_tokens\ndb_update_frequency = soon\n");
            CliProcess.Result refused =
                    CliProcess.run(dir, "reload", "-p", node.prefix().toString());
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err())
                    .isEqualTo("Error: invalid db_update_frequency: \"soon\" is not a number of seconds"
                            + " (nothing was applied)" + System.lineSeparator());
            assertThat(Http.get(node.proxy() + "/echo").header("Via")).isNull();

            // -c without -p: the prefix is the file's, and the node reads that file
            Files.writeString(conf, original + "headers = server_tokens\n");
            CliProcess.Result back = CliProcess.run(dir, "reload", "-c", conf.toString());
            assertThat(back.exitCode()).as(back.err()).isZero();
            assertThat(back.out())
                    .isEqualTo("Tollgate reloaded: applied db_update_frequency, log_level, headers"
                            + System.lineSeparator());
            assertThat(Http.get(node.proxy() + "/echo").header("Via")).isNotNull();
            assertThat(Http.get(node.proxy() + "/echo").header("X-Kong-Proxy-Latency"))
                    .isNull();
            assertThat(Http.get(node.admin() + "/").header("Server")).startsWith("tollgate/");
            assertThat(Http.get(node.admin() + "/").header("X-Kong-Admin-Latency"))
                    .isNull();
        }
    }

    /** Whether a TCP connection to {@code uri}'s host and port is refused now. */
    private static boolean refused(URI uri) throws IOException {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 1_000);
            return false;
        } catch (ConnectException e) {
            return true;
        }
    }
}
