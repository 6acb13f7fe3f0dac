package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/10-balancer/08-retry_spec.lua} (1 case) against one real node: a
 * service with {@code retries = 5} whose upstream answers the first request and then closes every connection without
 * answering; the second request answers 502 after 7 tries, as the http-log plugin's entry shows: the first on the
 * reused keep-alive connection (not counted as a retry, as nginx does), then 1 + 5 on new connections. Kong's older
 * {@code 08-retries_spec.lua} (the same case) expected 6 tries; this class asserts the later file's 7.
 * One Tollgate case beside it checks the log entry's {@code upstream_status} (nginx's {@code $upstream_status})
 * after a refused connection and a retry.
 */
class KongBalancerRetriesSpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient admin;
    static HttpServer collector;
    static final List<JsonNode> entries = new CopyOnWriteArrayList<>();
    static final List<JsonNode> refusedEntries = new CopyOnWriteArrayList<>();
    static ServerSocket upstream;
    static final AtomicBoolean answered = new AtomicBoolean();

    @BeforeAll
    static void start() throws Exception {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        collector.createContext("/post_log/http", exchange -> {
            JsonNode posted = Http.JSON.readTree(exchange.getRequestBody());
            if (posted.isArray()) {
                posted.forEach(entries::add);
            } else {
                entries.add(posted);
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.createContext("/post_log/refused", exchange -> {
            JsonNode posted = Http.JSON.readTree(exchange.getRequestBody());
            refusedEntries.add(posted);
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.createContext("/answer", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        upstream = new ServerSocket(0, 16, java.net.InetAddress.getByName("127.0.0.1"));
        Thread.ofVirtual().start(KongBalancerRetriesSpecIT::serve);
        node = NodeProcess.start("kong-retry", dir, Map.of());
        admin = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        collector.stop(0);
        upstream.close();
    }

    /** Answers {@code hello} to the very first request; closes every later request's connection unanswered. */
    private static void serve() {
        while (!upstream.isClosed()) {
            try {
                Socket socket = upstream.accept();
                Thread.ofVirtual().start(() -> connection(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void connection(Socket socket) {
        try (socket) {
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    return;
                }
                while (!line.isEmpty()) { // the request head (GET without a body)
                    line = in.readLine();
                    if (line == null) {
                        return;
                    }
                }
                if (!answered.compareAndSet(false, true)) {
                    return; // Kong's ngx.exit(ngx.HTTP_CLOSE): close without a response
                }
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nhello\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
        } catch (IOException e) {
            // the proxy went away
        }
    }

    /** 08-retry_spec: "Balancer: respect max retries exceeded limit". */
    @Test
    void exceeded_limit() {
        String service = admin.create(
                        "/services",
                        body(
                                "name",
                                "retry_service",
                                "host",
                                "127.0.0.1",
                                "port",
                                upstream.getLocalPort(),
                                "retries",
                                5))
                .get("id")
                .asText();
        String route = admin.create(
                        "/routes",
                        body("service", Map.of("id", service), "paths", List.of("/hello"), "strip_path", false))
                .get("id")
                .asText();
        httpLog(route, "http");

        assertThat(Http.get(node.proxy() + "/hello").status()).isEqualTo(200);
        assertThat(Http.get(node.proxy() + "/hello").status()).isEqualTo(502);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(entries).hasSize(2));
        // the two entries may arrive in either order: tell them apart by the response status
        JsonNode first = entry(200);
        JsonNode second = entry(502);
        assertThat(first.get("tries")).hasSize(1);
        assertThat(first.get("tries").get(0).has("cached")).isFalse();
        JsonNode tries = second.get("tries");
        assertThat(tries).hasSize(7);
        assertThat(tries.get(0).get("cached").asBoolean()).isTrue(); // the pooled connection of the first request
        for (int i = 1; i < 6; i++) {
            assertThat(tries.get(i).get("cached").isBoolean()).isTrue();
            assertThat(tries.get(i).get("cached").asBoolean()).isFalse();
        }
        assertThat(tries.get(6).has("cached")).isFalse();
        // nginx's $upstream_status: each try closed without a response counts as 502
        assertThat(first.path("upstream_status").asText()).isEqualTo("200");
        assertThat(second.path("upstream_status").asText()).isEqualTo("502, 502, 502, 502, 502, 502, 502");
    }

    /**
     * Not one of Kong's cases (nginx's {@code $upstream_status}, which Kong's serializer copies): an upstream whose
     * first target refuses the connection and whose second answers; a request that tried the refusing target first
     * logs both tries, {@code upstream_status} {@code "502, 200"}, and the failed try with {@code code} 502.
     */
    @Test
    void upstream_status_lists_a_refused_try_and_the_answering_one() throws Exception {
        int refused;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            refused = closed.getLocalPort();
        }
        admin.create("/upstreams", body("name", "refused-up"));
        admin.create("/upstreams/refused-up/targets", body("target", "127.0.0.1:" + refused));
        admin.create(
                "/upstreams/refused-up/targets",
                body("target", "127.0.0.1:" + collector.getAddress().getPort()));
        String service = admin.create(
                        "/services", body("name", "refused_service", "host", "refused-up", "path", "/answer"))
                .get("id")
                .asText();
        String route = admin.create("/routes", body("service", Map.of("id", service), "paths", List.of("/refused")))
                .get("id")
                .asText();
        httpLog(route, "refused");

        // round-robin over the two targets: of two requests in a row, one tries the refusing target first
        for (int i = 0; i < 2; i++) {
            assertThat(Http.get(node.proxy() + "/refused").status()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(refusedEntries).hasSize(2));
        JsonNode retried = refusedEntries.stream()
                .filter(e -> e.path("tries").size() == 2)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry with two tries: " + refusedEntries));
        assertThat(retried.path("upstream_status").asText()).isEqualTo("502, 200");
        JsonNode failed = retried.path("tries").get(0);
        assertThat(failed.path("port").asInt()).isEqualTo(refused);
        assertThat(failed.path("state").asText()).isEqualTo("failed");
        assertThat(failed.path("code").asInt()).isEqualTo(502);
        assertThat(retried.path("tries").get(1).has("code")).isFalse();
    }

    /** An http-log plugin on {@code route} posting each entry at once to the collector's {@code /post_log/<log>}. */
    private static void httpLog(String route, String log) {
        admin.create(
                "/plugins",
                body(
                        "route", Map.of("id", route),
                        "name", "http-log",
                        "config",
                                Map.of(
                                        "queue",
                                        Map.of("max_batch_size", 1, "max_coalescing_delay", 0.1),
                                        "http_endpoint",
                                        "http://127.0.0.1:"
                                                + collector.getAddress().getPort() + "/post_log/" + log)));
    }

    private static JsonNode entry(int status) {
        return entries.stream()
                .filter(e -> e.path("response").path("status").asInt() == status)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log entry with status " + status + ": " + entries));
    }
}
