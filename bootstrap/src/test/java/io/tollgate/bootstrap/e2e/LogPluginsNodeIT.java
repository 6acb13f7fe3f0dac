package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramSocket;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Kong's http-log and file-log ({@code spec/03-plugins/03-http-log}, {@code 04-file-log}) on a real node with a real
 * upstream: Kong's log serializer object delivered to a loopback HTTP receiver (one object per request, or arrays in
 * batches), delivered in order after the receiver refused for a while (the queue retries), and appended to a file
 * as JSON lines. The node writes its access logs as JSON lines ({@code access_log_format = json}), and its syslog
 * plugin's datagrams to a Unix datagram socket the test binds ({@code syslog_socket_path}), as a syslog daemon binds
 * {@code /dev/log}.
 */
class LogPluginsNodeIT {

    static final Duration PROPAGATION = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static EchoUpstream upstream;
    static NodeProcess node;
    static HttpServer receiver;
    static final List<Received> received = new CopyOnWriteArrayList<>();
    static final AtomicBoolean down = new AtomicBoolean();
    static final AtomicInteger refused = new AtomicInteger();
    static AFUNIXDatagramSocket syslog;
    static final List<String> syslogged = new CopyOnWriteArrayList<>();

    /** One delivery the receiver accepted: its path, headers of interest and JSON body. */
    record Received(String path, String method, String contentType, String authorization, JsonNode body) {}

    @BeforeAll
    static void start() throws Exception {
        upstream = new EchoUpstream();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down.get()) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            } else {
                received.add(new Received(
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestMethod(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestHeaders().getFirst("Authorization"),
                        Http.JSON.readTree(body)));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        receiver.start();
        Path syslogPath = dir.resolve("syslog.sock");
        syslog = AFUNIXDatagramSocket.newInstance();
        syslog.bind(AFUNIXSocketAddress.of(syslogPath));
        Thread.ofPlatform().daemon().name("syslog-receiver").start(() -> {
            byte[] buffer = new byte[65535];
            while (!syslog.isClosed()) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    syslog.receive(packet);
                    syslogged.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
                } catch (IOException closed) {
                    return;
                }
            }
        });
        node = NodeProcess.start(
                "logs", dir, Map.of("access_log_format", "json", "syslog_socket_path", syslogPath.toString()));
        Http.Response service =
                Http.post(node.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}");
        assertThat(service.status()).as(service.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
        if (syslog != null) {
            syslog.close();
        }
    }

    static String receiverUrl(String userInfo, String path) {
        return "http://" + userInfo + "127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static void route(String name, String plugin, String config) {
        Http.Response route = Http.post(
                node.admin() + "/services/echo/routes", "{\"name\":\"" + name + "\",\"paths\":[\"/" + name + "\"]}");
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        Http.Response created = Http.post(
                node.admin() + "/routes/" + name + "/plugins",
                "{\"name\":\"" + plugin + "\",\"config\":" + config + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    static List<JsonNode> entriesAt(String path) {
        List<JsonNode> entries = new ArrayList<>();
        synchronized (received) {
            for (Received r : received) {
                if (r.path().equals(path)) {
                    if (r.body().isArray()) {
                        r.body().forEach(entries::add);
                    } else {
                        entries.add(r.body());
                    }
                }
            }
        }
        return entries;
    }

    @Test
    void http_log_posts_kongs_serializer_object_for_each_request() {
        route(
                "single",
                "http-log",
                "{\"http_endpoint\":\"" + receiverUrl("bob:s%3Dcret@", "/single") + "\",\"method\":\"PUT\","
                        + "\"headers\":{\"X-Log-Token\":\"t1\"}}");
        Http.await(node.proxy() + "/single/warm", r -> r.status() == 200, PROPAGATION);

        assertThat(Http.get(node.proxy() + "/single/a?x=1").status()).isEqualTo(200);
        await().atMost(PROPAGATION)
                .until(() -> entriesAt("/single").stream()
                        .anyMatch(e -> e.path("request").path("uri").asText().equals("/single/a?x=1")));
        Received delivery;
        synchronized (received) {
            delivery = received.stream()
                    .filter(r -> r.path().equals("/single")
                            && r.body().path("request").path("uri").asText().equals("/single/a?x=1"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(delivery.method()).isEqualTo("PUT");
        assertThat(delivery.contentType()).isEqualTo("application/json");
        assertThat(delivery.authorization())
                .as("the endpoint's user info, decoded")
                .isEqualTo("Basic " + java.util.Base64.getEncoder().encodeToString("bob:s=cret".getBytes()));
        JsonNode entry = delivery.body();
        assertThat(entry.isObject()).as("max_batch_size 1: the object itself").isTrue();
        assertThat(entry.path("response").path("status").asInt()).isEqualTo(200);
        assertThat(entry.path("route").path("name").asText()).isEqualTo("single");
        assertThat(entry.path("service").path("name").asText()).isEqualTo("echo");
        assertThat(entry.path("upstream_uri").asText()).isEqualTo("/a?x=1");
        assertThat(entry.path("request").path("querystring").path("x").asText()).isEqualTo("1");
        assertThat(entry.path("latencies").path("request").isNumber()).isTrue();
    }

    @Test
    void http_log_retries_while_the_receiver_refuses_and_delivers_every_entry() {
        route(
                "batched",
                "http-log",
                "{\"http_endpoint\":\"" + receiverUrl("", "/batched") + "\",\"queue\":{\"max_batch_size\":4,"
                        + "\"max_coalescing_delay\":0.2,\"initial_retry_delay\":0.05,\"max_retry_delay\":0.2}}");
        Http.await(node.proxy() + "/batched/warm", r -> r.status() == 200, PROPAGATION);
        await().atMost(PROPAGATION).until(() -> !entriesAt("/batched").isEmpty());

        down.set(true);
        for (int i = 1; i <= 10; i++) {
            assertThat(Http.get(node.proxy() + "/batched/n?i=" + i).status())
                    .as("the proxy answers while its log receiver is down")
                    .isEqualTo(200);
        }
        await().atMost(PROPAGATION).until(() -> refused.get() >= 2);
        down.set(false);

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(entriesAt("/batched").stream()
                                .map(e -> e.path("request")
                                        .path("querystring")
                                        .path("i")
                                        .asText())
                                .filter(i -> !i.isEmpty())
                                .toList())
                        // every entry once; the queue keeps the order entries reach it, and each request's log phase
                        // runs on
                        // its own virtual thread, so two back-to-back requests may reach it in either order
                        .containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6", "7", "8", "9", "10"));
        synchronized (received) {
            assertThat(received.stream().filter(r -> r.path().equals("/batched")))
                    .as("batches of more than one entry arrive as JSON arrays")
                    .anyMatch(r -> r.body().isArray() && r.body().size() > 1);
        }
    }

    @Test
    void file_log_appends_one_json_line_per_request() throws Exception {
        Path file = dir.resolve("file-log.json");
        route("filed", "file-log", "{\"path\":" + Http.JSON.writeValueAsString(file.toString()) + "}");
        Http.await(node.proxy() + "/filed/warm", r -> r.status() == 200, PROPAGATION);
        for (int i = 1; i <= 3; i++) {
            assertThat(Http.get(node.proxy() + "/filed/f?i=" + i).status()).isEqualTo(200);
        }
        await().atMost(PROPAGATION)
                .untilAsserted(() -> assertThat(Files.readAllLines(file).stream()
                                .map(line -> {
                                    try {
                                        return Http.JSON
                                                .readTree(line)
                                                .path("request")
                                                .path("querystring")
                                                .path("i")
                                                .asText();
                                    } catch (Exception e) {
                                        throw new AssertionError("not one JSON object per line: " + line, e);
                                    }
                                })
                                .filter(i -> !i.isEmpty()))
                        .containsExactlyInAnyOrder("1", "2", "3"));
    }

    @Test
    void tcp_log_sends_a_json_line_and_udp_log_a_datagram() throws Exception {
        try (java.net.ServerSocket tcp = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
                java.net.DatagramSocket udp =
                        new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            List<String> lines = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                while (!tcp.isClosed()) {
                    try (java.net.Socket socket = tcp.accept();
                            java.io.BufferedReader reader = new java.io.BufferedReader(new java.io.InputStreamReader(
                                    socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = reader.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            List<String> datagrams = new CopyOnWriteArrayList<>();
            Thread.ofVirtual().start(() -> {
                byte[] buffer = new byte[65535];
                while (!udp.isClosed()) {
                    java.net.DatagramPacket packet = new java.net.DatagramPacket(buffer, buffer.length);
                    try {
                        udp.receive(packet);
                        datagrams.add(new String(
                                packet.getData(), 0, packet.getLength(), java.nio.charset.StandardCharsets.UTF_8));
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
            });
            route("tcp", "tcp-log", "{\"host\":\"127.0.0.1\",\"port\":" + tcp.getLocalPort() + "}");
            route("udp", "udp-log", "{\"host\":\"127.0.0.1\",\"port\":" + udp.getLocalPort() + "}");
            Http.await(node.proxy() + "/tcp/t?k=tcp", r -> r.status() == 200, PROPAGATION);
            Http.await(node.proxy() + "/udp/u?k=udp", r -> r.status() == 200, PROPAGATION);

            await().atMost(PROPAGATION).until(() -> lines.stream().anyMatch(l -> l.contains("\"/tcp/t?k=tcp\"")));
            JsonNode tcpEntry = Http.JSON.readTree(lines.get(0));
            assertThat(tcpEntry.path("route").path("name").asText()).isEqualTo("tcp");
            await().atMost(PROPAGATION).until(() -> datagrams.stream().anyMatch(d -> d.contains("\"/udp/u?k=udp\"")));
            JsonNode udpEntry = Http.JSON.readTree(datagrams.get(0));
            assertThat(udpEntry.path("route").path("name").asText()).isEqualTo("udp");
            assertThat(udpEntry.path("response").path("status").asInt()).isEqualTo(200);
        }
    }

    @Test
    void the_json_access_logs_show_each_request_with_its_route_service_and_consumer() throws Exception {
        route("keyed", "key-auth", "{}");
        Http.Response consumer = Http.post(node.admin() + "/consumers", "{\"username\":\"ann\"}");
        assertThat(consumer.status()).as(consumer.body()).isEqualTo(201);
        Http.Response key = Http.post(node.admin() + "/consumers/ann/key-auth", "{\"key\":\"ann-key\"}");
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        Http.await(node.proxy() + "/keyed/warm", r -> r.status() == 401, PROPAGATION);

        RawHttp.Response response = RawHttp.request("GET", "localhost", "/keyed/a?x=1&y=%22")
                .header("apikey", "ann-key")
                .header("User-Agent", "json \"quoted\" agent")
                .header("Referer", "http://ref.test/")
                .send(node.proxyPort);
        assertThat(response.status()).isEqualTo(200);
        String requestId = response.header("X-Kong-Request-Id");
        JsonNode line = accessLogLine(node.prefix().resolve("logs/access.log"), requestId);

        assertThat(line.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(line.path("client_ip").asText()).isEqualTo("127.0.0.1");
        assertThat(line.path("method").asText()).isEqualTo("GET");
        assertThat(line.path("uri").asText()).isEqualTo("/keyed/a?x=1&y=%22");
        assertThat(line.path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(line.path("status").asInt()).isEqualTo(200);
        assertThat(line.path("body_bytes_sent").asLong()).isPositive();
        assertThat(line.path("referer").asText()).isEqualTo("http://ref.test/");
        assertThat(line.path("user_agent").asText()).isEqualTo("json \"quoted\" agent");
        JsonNode latencies = line.path("latencies");
        assertThat(latencies.path("request").isIntegralNumber()).isTrue();
        assertThat(latencies.path("proxy").isIntegralNumber())
                .as("an upstream answered")
                .isTrue();
        assertThat(latencies.path("kong").asLong())
                .isBetween(0L, latencies.path("request").asLong());
        assertThat(line.path("route").path("name").asText()).isEqualTo("keyed");
        assertThat(line.path("route").path("id").asText())
                .isEqualTo(Http.get(node.admin() + "/routes/keyed")
                        .json()
                        .path("id")
                        .asText());
        assertThat(line.path("service").path("name").asText()).isEqualTo("echo");
        assertThat(line.path("consumer").path("id").asText())
                .isEqualTo(consumer.json().path("id").asText());

        RawHttp.Response refused =
                RawHttp.request("GET", "localhost", "/keyed/b").send(node.proxyPort);
        assertThat(refused.status()).isEqualTo(401);
        JsonNode refusedLine =
                accessLogLine(node.prefix().resolve("logs/access.log"), refused.header("X-Kong-Request-Id"));
        assertThat(refusedLine.path("status").asInt()).isEqualTo(401);
        assertThat(refusedLine.path("route").path("name").asText())
                .as("matched, then refused")
                .isEqualTo("keyed");
        assertThat(refusedLine.has("consumer")).isFalse();
        assertThat(refusedLine.path("latencies").has("proxy"))
                .as("no upstream answered")
                .isFalse();

        assertThat(Http.get(node.admin() + "/status").status()).isEqualTo(200);
        Path adminLog = node.prefix().resolve("logs/admin_access.log");
        await().atMost(PROPAGATION)
                .until(() ->
                        Files.exists(adminLog) && Files.readString(adminLog).contains("\"uri\":\"/status\""));
        for (String text : Files.readAllLines(adminLog)) {
            JsonNode admin = Http.JSON.readTree(text);
            assertThat(admin.isObject()).as(text).isTrue();
            assertThat(admin.has("route")).as("the Admin API has no routes").isFalse();
        }
    }

    /** The proxy's access log line of the request with {@code requestId}, once written, parsed. */
    static JsonNode accessLogLine(Path log, String requestId) throws Exception {
        await().atMost(PROPAGATION)
                .until(() -> Files.exists(log) && Files.readString(log).contains(requestId));
        for (String text : Files.readAllLines(log)) {
            JsonNode line = Http.JSON.readTree(text);
            assertThat(line.isObject()).as("one JSON object per line: " + text).isTrue();
            if (line.path("request_id").asText().equals(requestId)) {
                return line;
            }
        }
        throw new AssertionError("no line with request_id " + requestId);
    }

    @Test
    void syslog_sends_an_rfc_3164_datagram_with_kongs_serializer_object_to_the_configured_socket() throws Exception {
        route(
                "syslogged",
                "syslog",
                "{\"syslog_facility\":\"LOCAL0\",\"successful_severity\":\"notice\","
                        + "\"client_errors_severity\":\"warning\"}");
        Http.await(node.proxy() + "/syslogged/warm", r -> r.status() == 200, PROPAGATION);

        assertThat(Http.get(node.proxy() + "/syslogged/s?k=1").status()).isEqualTo(200);
        String datagram = syslogDatagram("/syslogged/s?k=1");
        // LOCAL0 (16) * 8 + notice (5)
        assertThat(datagram).matches("<133>[A-Z][a-z]{2} [ \\d]\\d \\d\\d:\\d\\d:\\d\\d kong\\[\\d+\\]: \\{.*\\}");
        JsonNode entry = Http.JSON.readTree(datagram.substring(datagram.indexOf(": {") + 2));
        assertThat(entry.path("response").path("status").asInt()).isEqualTo(200);
        assertThat(entry.path("route").path("name").asText()).isEqualTo("syslogged");
        assertThat(entry.path("service").path("name").asText()).isEqualTo("echo");
        assertThat(entry.path("request").path("querystring").path("k").asText()).isEqualTo("1");

        Http.Response terminated = Http.post(
                node.admin() + "/routes/syslogged/plugins",
                "{\"name\":\"request-termination\",\"config\":{\"status_code\":403}}");
        assertThat(terminated.status()).as(terminated.body()).isEqualTo(201);
        Http.await(node.proxy() + "/syslogged/x?k=2", r -> r.status() == 403, PROPAGATION);
        // LOCAL0 (16) * 8 + warning (4), for a 4xx
        assertThat(syslogDatagram("/syslogged/x?k=2")).startsWith("<132>");
    }

    /** The first syslog datagram whose entry's request URI is {@code uri}, once received. */
    static String syslogDatagram(String uri) {
        String quoted = "\"uri\":\"" + uri + "\"";
        await().atMost(PROPAGATION).until(() -> syslogged.stream().anyMatch(d -> d.contains(quoted)));
        return syslogged.stream().filter(d -> d.contains(quoted)).findFirst().orElseThrow();
    }
}
