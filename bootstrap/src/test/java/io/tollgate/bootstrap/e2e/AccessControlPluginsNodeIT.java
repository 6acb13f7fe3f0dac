package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's ip-restriction, request-size-limiting and bot-detection specs ({@code spec/03-plugins/17-ip-restriction},
 * {@code 12-request-size-limiting}, {@code 21-bot-detection}) on one real node: one route per configuration (by
 * {@code Host}), all behind a real upstream. The node trusts every peer's {@code X-Forwarded-For}
 * ({@code trusted_ips = 0.0.0.0/0, ::/0}, recursive), as Kong's spec does, so the client IP can be chosen per request.
 */
class AccessControlPluginsNodeIT {

    static final Duration PROPAGATION = Duration.ofSeconds(20);

    @RegisterExtension
    static final EchoNode node = EchoNode.withEchoService(
            "guard",
            Map.of("trusted_ips", "0.0.0.0/0, ::/0", "real_ip_header", "X-Forwarded-For", "real_ip_recursive", "on"));

    /** A route for {@code host} with one plugin; returns the plugin's id. */
    static String route(String host, String plugin, String config) {
        Http.Response route = Http.post(
                node.admin() + "/services/echo/routes", "{\"name\":\"" + host + "\",\"hosts\":[\"" + host + "\"]}");
        assertThat(route.status()).as(route.body()).isEqualTo(201);
        Http.Response created = Http.post(
                node.admin() + "/routes/" + host + "/plugins",
                "{\"name\":\"" + plugin + "\",\"config\":" + config + "}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    static RawHttp.Response get(String host, String... headers) throws Exception {
        RawHttp.Request request = request("GET", host, "/request");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort());
    }

    static int status(String host, String... headers) throws Exception {
        return get(host, headers).status();
    }

    /** Waits until the route of {@code host} answers {@code expected} (the plugins reached the proxy). */
    static void awaitStatus(String host, int expected, String... headers) {
        RawHttp.await(() -> status(host, headers) == expected, PROPAGATION);
    }

    @Test
    void ip_restriction_denies_first_then_allows_with_cidrs_forwarded_ips_and_ipv6() throws Exception {
        route("ip1.test", "ip-restriction", "{\"deny\":[\"127.0.0.1\",\"127.0.0.2\"]}");
        String ip2 = route("ip2.test", "ip-restriction", "{\"deny\":[\"127.0.0.2\"]}");
        route("ip3.test", "ip-restriction", "{\"allow\":[\"127.0.0.2\"]}");
        route("ip4.test", "ip-restriction", "{\"allow\":[\"127.0.0.1\"]}");
        route("ip5.test", "ip-restriction", "{\"deny\":[\"127.0.0.0/24\"]}");
        route("ip6.test", "ip-restriction", "{\"allow\":[\"127.0.0.4\"]}");
        route("ip7.test", "ip-restriction", "{\"deny\":[\"127.0.0.4\"]}");
        route("ip8.test", "ip-restriction", "{\"allow\":[\"0.0.0.0/0\"]}");
        route("ip9.test", "ip-restriction", "{\"allow\":[\"127.0.0.1\"],\"deny\":[\"127.0.0.1\"]}");
        route("ip10.test", "ip-restriction", "{\"allow\":[\"127.0.0.0/24\"],\"deny\":[\"127.0.0.1\"]}");
        route("ip11.test", "ip-restriction", "{\"allow\":[\"127.0.0.0/24\"],\"deny\":[\"127.0.0.0/24\"]}");
        route("ip12.test", "ip-restriction", "{\"deny\":[\"127.0.0.0/24\"],\"status\":401,\"message\":\"Forbidden\"}");
        route("ip6-deny.test", "ip-restriction", "{\"deny\":[\"::4\"]}");
        route("ip6-allow.test", "ip-restriction", "{\"allow\":[\"::4\"]}");
        route("ip6-cidr.test", "ip-restriction", "{\"deny\":[\"fe80::/8\"]}");
        awaitStatus("ip6-cidr.test", 403, "X-Forwarded-For", "fe80::1");

        RawHttp.Response denied = get("ip1.test");
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json().path("message").asText()).isEqualTo("IP address not allowed: 127.0.0.1");
        assertThat(status("ip2.test")).isEqualTo(200);
        assertThat(status("ip3.test")).isEqualTo(403);
        assertThat(status("ip4.test")).isEqualTo(200);
        assertThat(status("ip5.test")).as("CIDR").isEqualTo(403);
        assertThat(status("ip8.test")).as("0.0.0.0/0").isEqualTo(200);
        assertThat(status("ip9.test")).as("deny wins over allow").isEqualTo(403);
        assertThat(status("ip10.test")).as("deny wins over an allowed range").isEqualTo(403);
        assertThat(status("ip11.test")).isEqualTo(403);
        RawHttp.Response custom = get("ip12.test");
        assertThat(custom.status()).isEqualTo(401);
        assertThat(custom.json().path("message").asText()).isEqualTo("Forbidden");

        // the client IP after trusted_ips: X-Forwarded-For
        assertThat(status("ip7.test")).isEqualTo(200);
        assertThat(status("ip7.test", "X-Forwarded-For", "127.0.0.3")).isEqualTo(200);
        RawHttp.Response forwarded = get("ip7.test", "X-Forwarded-For", "127.0.0.4");
        assertThat(forwarded.status()).isEqualTo(403);
        assertThat(forwarded.json().path("message").asText()).isEqualTo("IP address not allowed: 127.0.0.4");
        assertThat(status("ip6.test")).isEqualTo(403);
        assertThat(status("ip6.test", "X-Forwarded-For", "127.0.0.3")).isEqualTo(403);
        assertThat(status("ip6.test", "X-Forwarded-For", "127.0.0.4")).isEqualTo(200);
        assertThat(status("ip6.test", "X-Forwarded-For", "127.0.0.4, 127.0.0.3"))
                .isEqualTo(200);

        // IPv6
        assertThat(status("ip6-deny.test", "X-Forwarded-For", "::3")).isEqualTo(200);
        assertThat(status("ip6-deny.test", "X-Forwarded-For", "::4")).isEqualTo(403);
        assertThat(status("ip6-deny.test", "X-Forwarded-For", "::4, ::3")).isEqualTo(403);
        assertThat(status("ip6-deny.test", "X-Forwarded-For", "::3, ::4")).isEqualTo(200);
        assertThat(status("ip6-allow.test", "X-Forwarded-For", "::3")).isEqualTo(403);
        assertThat(status("ip6-allow.test", "X-Forwarded-For", "::4")).isEqualTo(200);
        assertThat(status("ip6-cidr.test", "X-Forwarded-For", "fe80::2")).isEqualTo(403);
        assertThat(status("ip6-cidr.test", "X-Forwarded-For", "2001:db8::1")).isEqualTo(200);

        // config changes without restarting
        Http.Response patched = Http.send(
                "PATCH", node.admin() + "/plugins/" + ip2, "{\"config\":{\"deny\":[\"127.0.0.1\",\"127.0.0.2\"]}}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        awaitStatus("ip2.test", 403);
        Http.send("PATCH", node.admin() + "/plugins/" + ip2, "{\"config\":{\"deny\":[\"127.0.0.2\",\"127.0.0.3\"]}}");
        awaitStatus("ip2.test", 200);
    }

    @Test
    void ip_restriction_refuses_invalid_configs_with_kongs_schema_violation() {
        Http.Response empty = Http.post(
                node.admin() + "/plugins", "{\"name\":\"ip-restriction\",\"config\":{\"allow\":[],\"deny\":[]}}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("name").asText()).isEqualTo("schema violation");
        assertThat(empty.json().path("fields").path("@entity").get(0).asText())
                .isEqualTo("at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
        Http.Response hello = Http.post(
                node.admin() + "/plugins", "{\"name\":\"ip-restriction\",\"config\":{\"allow\":[\"hello\"]}}");
        assertThat(hello.status()).isEqualTo(400);
        assertThat(hello.json().path("fields").path("config").path("allow").toString())
                .contains("invalid ip or cidr range: 'hello'");
        Http.Response mask = Http.post(
                node.admin() + "/plugins", "{\"name\":\"ip-restriction\",\"config\":{\"deny\":[\"::1/129\"]}}");
        assertThat(mask.status()).isEqualTo(400);
        assertThat(mask.body()).contains("invalid ip or cidr range: '::1/129'");
    }

    @Test
    void request_size_limiting_by_content_length_with_expect_and_required_length() throws Exception {
        route("size1.test", "request-size-limiting", "{\"allowed_payload_size\":10,\"size_unit\":\"bytes\"}");
        route("size2.test", "request-size-limiting", "{\"allowed_payload_size\":1,\"size_unit\":\"kilobytes\"}");
        route(
                "size3.test",
                "request-size-limiting",
                "{\"allowed_payload_size\":10,\"size_unit\":\"bytes\",\"require_content_length\":true}");
        route("size4.test", "request-size-limiting", "{}");
        RawHttp.await(
                () -> request("POST", "size4.test", "/request")
                                .body("x")
                                .send(node.proxyPort())
                                .status()
                        == 200,
                PROPAGATION);
        RawHttp.await(
                () -> request("POST", "size3.test", "/request")
                                .body("x")
                                .chunked()
                                .send(node.proxyPort())
                                .status()
                        == 411,
                PROPAGATION);

        assertThat(request("POST", "size1.test", "/request")
                        .body("0123456789")
                        .send(node.proxyPort())
                        .status())
                .isEqualTo(200);
        RawHttp.Response tooBig =
                request("POST", "size1.test", "/request").body("0123456789a").send(node.proxyPort());
        assertThat(tooBig.status()).isEqualTo(413);
        assertThat(tooBig.json().path("message").asText()).isEqualTo("Request size limit exceeded");
        RawHttp.Response expect = request("POST", "size1.test", "/request")
                .header("Expect", "100-continue")
                .body("0123456789a")
                .send(node.proxyPort());
        assertThat(expect.status()).isEqualTo(417);
        assertThat(expect.json().path("message").asText()).isEqualTo("Request size limit exceeded");

        // without Content-Length (chunked) the body is read and counted
        assertThat(request("POST", "size1.test", "/request")
                        .body("0123456789")
                        .chunked()
                        .send(node.proxyPort())
                        .status())
                .isEqualTo(200);
        RawHttp.Response chunked = request("POST", "size1.test", "/request")
                .body("0123456789a")
                .chunked()
                .send(node.proxyPort());
        assertThat(chunked.status()).isEqualTo(413);
        assertThat(chunked.json().path("message").asText()).isEqualTo("Request size limit exceeded");
        assertThat(request("POST", "size1.test", "/request")
                        .header("Expect", "100-continue")
                        .body("0123456789a")
                        .chunked()
                        .send(node.proxyPort())
                        .status())
                .isEqualTo(417);
        assertThat(request("POST", "size2.test", "/request")
                        .body("a".repeat(1024))
                        .send(node.proxyPort())
                        .status())
                .isEqualTo(200);
        assertThat(request("POST", "size2.test", "/request")
                        .body("a".repeat(1025))
                        .send(node.proxyPort())
                        .status())
                .isEqualTo(413);

        RawHttp.Response required =
                request("POST", "size3.test", "/request").body("x").chunked().send(node.proxyPort());
        assertThat(required.status()).isEqualTo(411);
        assertThat(required.json().path("message").asText()).isEqualTo("A valid Content-Length header is required");
        assertThat(request("POST", "size3.test", "/request")
                        .body("x")
                        .send(node.proxyPort())
                        .status())
                .isEqualTo(200);
    }

    /**
     * A chunked body past the node's 1 MiB buffering bound is counted as it streams: with a 2 MiB limit, 3 MiB are
     * refused with the plugin's 413 (the upstream never gets the whole request, the connection closes), while 1.5 MiB
     * reach the upstream byte for byte and the request pipelined after them on the same connection is answered too.
     */
    @Test
    void request_size_limiting_counts_a_chunked_body_past_the_buffering_bound() throws Exception {
        try (RecordingUpstream upstream = new RecordingUpstream()) {
            Http.Response service =
                    Http.post(node.admin() + "/services", "{\"name\":\"recorder\",\"url\":\"" + upstream.url() + "\"}");
            assertThat(service.status()).as(service.body()).isEqualTo(201);
            Http.Response created = Http.post(
                    node.admin() + "/services/recorder/routes", "{\"name\":\"size5\",\"hosts\":[\"size5.test\"]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            Http.Response plugin = Http.post(
                    node.admin() + "/routes/size5/plugins",
                    "{\"name\":\"request-size-limiting\",\"config\":{\"allowed_payload_size\":2}}");
            assertThat(plugin.status()).as(plugin.body()).isEqualTo(201);
            RawHttp.await(
                    () -> request("POST", "size5.test", "/small")
                                    .body("a".repeat(2 * 1024 * 1024 + 1))
                                    .send(node.proxyPort())
                                    .status()
                            == 413,
                    PROPAGATION);

            for (String method : new String[] {"POST", "PUT"}) { // PUT: idempotent, so retried on a failed try
                RawHttp.Response refused = RawHttp.parseLatin1(chunked(method, "/big", 3 << 20, null));
                assertThat(refused.status()).as(method).isEqualTo(413);
                assertThat(refused.json().path("message").asText()).isEqualTo("Request size limit exceeded");
                assertThat(refused.header("Connection")).isEqualToIgnoringCase("close");
            }

            String answers = new String(
                    chunked(
                            "POST",
                            "/fits",
                            3 << 19,
                            "GET /next HTTP/1.1\r\nHost: size5.test\r\nConnection: close\r\n\r\n"),
                    StandardCharsets.ISO_8859_1);
            assertThat(answers.split("HTTP/1.1 200 ", -1))
                    .as(answers.substring(0, Math.min(answers.length(), 600)))
                    .hasSize(3);
            RawHttp.await(
                    () -> upstream.received.stream().anyMatch(r -> r.path().equals("/next")), PROPAGATION);
            RecordingUpstream.Received fits = upstream.received.stream()
                    .filter(r -> r.path().equals("/fits"))
                    .findFirst()
                    .orElseThrow();
            assertThat(fits.body()).isEqualTo(payload(3 << 19));
            assertThat(upstream.received).noneMatch(r -> r.path().equals("/big"));
        }
    }

    /** {@code size} bytes of a repeating pattern. */
    static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) ('a' + i % 26);
        }
        return bytes;
    }

    /**
     * Sends {@link #payload} of {@code size} bytes with {@code method} to {@code size5.test} in 64 KiB chunks (written on a thread of its
     * own, a write the node refuses to read being no failure), then {@code pipelined} if any, and returns every byte
     * the node sent until it closed the connection (a reset after the answer ends the read too); without
     * {@code pipelined} the request asks for {@code Connection: close}.
     */
    static byte[] chunked(String method, String path, int size, @Nullable String pipelined) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", node.proxyPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    String close = pipelined == null ? "Connection: close\r\n" : ""; // else the last one closes
                    out.write((method + " " + path + " HTTP/1.1\r\nHost: size5.test\r\n" + close
                                    + "Transfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    byte[] body = payload(size);
                    for (int at = 0; at < size; at += 1 << 16) {
                        int n = Math.min(1 << 16, size - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    if (pipelined != null) {
                        out.write(pipelined.getBytes(StandardCharsets.ISO_8859_1));
                    }
                    out.flush();
                } catch (IOException refusedToRead) {
                    // the node answered and closed before taking the whole body
                }
            });
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) != -1; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketException reset) {
                assertThat(answer.size()).as("a reset before any answer").isPositive();
            }
            writer.join(Duration.ofSeconds(30));
            return answer.toByteArray();
        }
    }

    /** A real upstream that records each request it read to its end: path and body. */
    static final class RecordingUpstream implements AutoCloseable {

        record Received(String path, byte[] body) {
            @Override
            public String toString() {
                return path + " (" + body.length + " bytes)";
            }
        }

        final List<Received> received = new CopyOnWriteArrayList<>();
        private final HttpServer server;
        private final ExecutorService executor = Executors.newFixedThreadPool(2);

        RecordingUpstream() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes(); // throws when the proxy aborts the request
                received.add(new Received(exchange.getRequestURI().getRawPath(), body));
                byte[] answer = ("{\"length\":" + body.length + "}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
                exchange.close();
            });
            server.setExecutor(executor);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            executor.shutdownNow();
        }
    }

    @Test
    void bot_detection_blocks_known_bots_and_denied_agents_and_lets_allowed_ones_through() throws Exception {
        route("bot1.test", "bot-detection", "{}");
        route("bot2.test", "bot-detection", "{\"deny\":[\"HelloWorld\"]}");
        route("bot3.test", "bot-detection", "{\"allow\":[\"facebookexternalhit/1.1\"]}");
        awaitStatus("bot3.test", 200, "User-Agent", "facebookexternalhit/1.1");
        awaitStatus("bot2.test", 403, "User-Agent", "HelloWorld");

        String chrome = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_5) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/50.0.2661.102 Safari/537.36";
        assertThat(status("bot1.test")).isEqualTo(200);
        assertThat(status("bot1.test", "User-Agent", chrome)).isEqualTo(200);
        assertThat(status("bot1.test", "User-Agent", "HelloWorld")).isEqualTo(200);
        assertThat(status("bot1.test", "User-Agent", "curl/7.43.0")).isEqualTo(200);
        RawHttp.Response google = get("bot1.test", "User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)");
        assertThat(google.status()).isEqualTo(403);
        assertThat(google.json().path("message").asText()).isEqualTo("Forbidden");
        assertThat(status("bot1.test", "User-Agent", "facebookexternalhit/1.1")).isEqualTo(403);
        RawHttp.Response two = get("bot1.test", "User-Agent", "curl/7.43.0", "User-Agent", "HelloWorld");
        assertThat(two.status()).isEqualTo(400);
        assertThat(two.json().path("message").asText()).isEqualTo("Only one User-Agent header allowed");

        assertThat(status("bot2.test", "User-Agent", "curl/7.43.0")).isEqualTo(200);
        assertThat(status("bot3.test", "User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)"))
                .isEqualTo(403);

        Http.Response bad = Http.post(
                node.admin() + "/plugins",
                "{\"name\":\"bot-detection\",\"config\":{\"allow\":[\"(https?:\\\\/\\\\/.*\"]}}");
        assertThat(bad.status()).as(bad.body()).isEqualTo(400);
        JsonNode fields = bad.json().path("fields").path("config").path("allow");
        assertThat(fields.toString()).contains("not a valid regex: (https?:\\\\/\\\\/.*");
    }
}
