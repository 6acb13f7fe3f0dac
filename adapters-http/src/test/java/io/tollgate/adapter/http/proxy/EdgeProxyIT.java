package io.tollgate.adapter.http.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.adapter.http.UpstreamKeepalive;
import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.KongHeaders;
import io.tollgate.adapter.http.edge.TrustedIps;
import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.UpstreamPeers;
import io.tollgate.application.port.in.UpstreamTls;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The proxy's edge rules on a real Undertow listener in front of a real upstream, both on loopback, over raw
 * sockets (so nothing between the test and the proxy fixes the requests up): real IP from trusted peers,
 * hop-by-hop headers both ways, Kong's headers (on, and {@code off}), error bodies by {@code Accept}, size limits,
 * request smuggling and request buffering.
 */
class EdgeProxyIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static HttpServer upstream;
    private static ExecutorService upstreamThreads;
    private static Undertow gateway;
    private static Undertow quiet;
    private static int port;
    private static int quietPort;
    private static int upstreamPort;

    @BeforeAll
    static void start() throws IOException {
        upstreamThreads = Executors.newCachedThreadPool();
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", EdgeProxyIT::echo);
        upstream.setExecutor(upstreamThreads);
        upstream.start();
        upstreamPort = upstream.getAddress().getPort();

        EdgeSettings edge = new EdgeSettings(
                TrustedIps.parse(List.of("127.0.0.1", "10.0.0.0/8")),
                "X-Forwarded-For",
                true,
                KongHeaders.parse(
                        List.of("server_tokens", "latency_tokens", "X-Kong-Request-Id", "X-Kong-Upstream-Status")),
                true,
                "text/plain",
                100,
                2,
                1024);
        gateway = listen(new GatewayProxy(EdgeProxyIT::decide, UpstreamKeepalive.DEFAULT, edge), edge);
        port = portOf(gateway);
        EdgeSettings off = new EdgeSettings(
                TrustedIps.NONE,
                "X-Real-IP",
                false,
                KongHeaders.parse(List.of("off")),
                false,
                "application/json",
                0,
                4,
                8192);
        quiet = listen(new GatewayProxy(EdgeProxyIT::decide, UpstreamKeepalive.DEFAULT, off), off);
        quietPort = portOf(quiet);
    }

    private static Undertow listen(GatewayProxy proxy, EdgeSettings edge) {
        Undertow server = Undertow.builder()
                .addHttpListener(0, "127.0.0.1", proxy.handler())
                .setIoThreads(2)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, edge.maxHeaderBytes() + edge.headerBufferSize())
                .build();
        server.start();
        return server;
    }

    private static int portOf(Undertow server) {
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    /** {@code /none...} has no route; {@code /closed} goes to a closed port; {@code /stream...} does not buffer. */
    private static CompletableFuture<ProxyDecision> decide(io.tollgate.application.port.in.ProxyExchange exchange) {
        if (exchange.path().startsWith("/none")) {
            return CompletableFuture.completedFuture(Respond.message(404, "no Route matched with those values"));
        }
        int target = exchange.path().startsWith("/closed") ? 1 : upstreamPort;
        boolean buffering = !exchange.path().startsWith("/stream");
        return CompletableFuture.completedFuture(new Forward(
                "http",
                "127.0.0.1",
                target,
                exchange.path(),
                2000,
                2000,
                5000,
                false,
                null,
                new RouteId(UUID.randomUUID()),
                new ServiceId(UUID.randomUUID()),
                UpstreamPeers.single(new UpstreamPeers.Peer("127.0.0.1", target, "127.0.0.1:" + target)),
                0,
                UpstreamTls.DEFAULT,
                buffering,
                true));
    }

    @AfterAll
    static void stop() {
        gateway.stop();
        quiet.stop();
        upstream.stop(0);
        upstreamThreads.shutdownNow();
    }

    private static void echo(HttpExchange exchange) throws IOException {
        Map<String, Object> seen = new LinkedHashMap<>();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders()
                .forEach(
                        (name, values) -> headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>())
                                .addAll(values));
        seen.put("headers", headers);
        seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        byte[] body = JSON.writeValueAsBytes(seen);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.getResponseHeaders().add("Keep-Alive", "timeout=5");
        exchange.getResponseHeaders().add("X-Hop", "secret");
        exchange.getResponseHeaders().add("Connection", "X-Hop");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A raw HTTP/1.1 exchange: sends {@code request} as is, returns everything read until close or a pause. */
    static Raw raw(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(3000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            boolean closed = false;
            byte[] buffer = new byte[8192];
            try {
                int n;
                while (true) {
                    n = in.read(buffer);
                    if (n < 0) {
                        closed = true;
                        break;
                    }
                    out.write(buffer, 0, n);
                    if (complete(out.toString(StandardCharsets.ISO_8859_1))) {
                        socket.setSoTimeout(300); // a closing server closes right after its answer
                    }
                }
            } catch (SocketTimeoutException e) {
                // still open
            }
            return new Raw(out.toString(StandardCharsets.ISO_8859_1), closed);
        }
    }

    private static boolean complete(String text) {
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = text.substring(0, end).toLowerCase(Locale.ROOT);
        int at = head.indexOf("content-length:");
        if (at < 0) {
            return true;
        }
        int stop = head.indexOf("\r\n", at);
        int length = Integer.parseInt(
                head.substring(at + 15, stop < 0 ? head.length() : stop).trim());
        return text.length() - end - 4 >= length;
    }

    record Raw(String text, boolean closed) {
        int status() {
            return Integer.parseInt(text.substring(9, 12));
        }

        String body() {
            return text.substring(text.indexOf("\r\n\r\n") + 4);
        }

        String header(String name) {
            for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body());
        }
    }

    private static String seenHeader(Raw response, String name) throws IOException {
        JsonNode values = response.json().path("headers").path(name.toLowerCase(Locale.ROOT));
        return values.isMissingNode() ? null : values.get(0).asText();
    }

    private static String get(String path, String... headers) {
        return "GET " + path + " HTTP/1.1\r\nHost: gw.test\r\n" + String.join("", headers) + "\r\n";
    }

    @Test
    void aTrustedPeerForwardsTheClientAddressAndItsForwardingHeaders() throws IOException {
        Raw response = raw(
                port,
                get(
                        "/echo",
                        "X-Forwarded-For: 203.0.113.7, 10.0.0.2\r\n",
                        "X-Forwarded-Proto: https\r\n",
                        "X-Forwarded-Host: public.example\r\n",
                        "X-Forwarded-Port: 443\r\n",
                        "X-Forwarded-Prefix: /api\r\n"));

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(seenHeader(response, "X-Real-IP"))
                .as("recursive walk past trusted 10.0.0.2")
                .isEqualTo("203.0.113.7");
        assertThat(seenHeader(response, "X-Forwarded-For")).isEqualTo("203.0.113.7, 10.0.0.2, 127.0.0.1");
        assertThat(seenHeader(response, "X-Forwarded-Proto")).isEqualTo("https");
        assertThat(seenHeader(response, "X-Forwarded-Host")).isEqualTo("public.example");
        assertThat(seenHeader(response, "X-Forwarded-Port")).isEqualTo("443");
        assertThat(seenHeader(response, "X-Forwarded-Prefix")).isEqualTo("/api");
    }

    @Test
    void anUntrustedPeerGetsItsOwnForwardingHeaders() throws IOException {
        Raw response = raw(
                quietPort,
                get(
                        "/echo",
                        "X-Forwarded-For: 203.0.113.7\r\n",
                        "X-Real-IP: 203.0.113.8\r\n",
                        "X-Forwarded-Proto: https\r\n",
                        "X-Forwarded-Host: public.example\r\n"));

        assertThat(seenHeader(response, "X-Real-IP")).isEqualTo("127.0.0.1");
        assertThat(seenHeader(response, "X-Forwarded-For")).isEqualTo("203.0.113.7, 127.0.0.1");
        assertThat(seenHeader(response, "X-Forwarded-Proto")).isEqualTo("http");
        assertThat(seenHeader(response, "X-Forwarded-Host")).isEqualTo("gw.test");
        assertThat(seenHeader(response, "X-Forwarded-Port")).isEqualTo(String.valueOf(quietPort));
    }

    @Test
    void hopByHopHeadersStayOnTheirHop() throws IOException {
        Raw response = raw(
                port,
                get(
                        "/echo",
                        "Connection: keep-alive, X-Secret\r\n",
                        "X-Secret: 1\r\n",
                        "Keep-Alive: timeout=9\r\n",
                        "Proxy-Connection: keep-alive\r\n",
                        "Proxy: evil\r\n",
                        "TE: trailers\r\n",
                        "X-Kept: yes\r\n"));

        assertThat(seenHeader(response, "X-Secret")).isNull();
        assertThat(seenHeader(response, "Keep-Alive")).isNull();
        assertThat(seenHeader(response, "Proxy-Connection")).isNull();
        assertThat(seenHeader(response, "Proxy")).isNull();
        assertThat(seenHeader(response, "TE")).isEqualTo("trailers");
        assertThat(seenHeader(response, "X-Kept")).isEqualTo("yes");
        assertThat(seenHeader(response, "Connection")).isEqualTo("keep-alive");
        assertThat(response.header("X-Hop"))
                .as("named by the upstream's Connection")
                .isNull();
        assertThat(response.header("Keep-Alive")).isNull();
        assertThat(response.closed())
                .as("the upstream's Connection does not close the client's")
                .isFalse();
    }

    @Test
    void kongHeadersAsTheHeadersPropertySays() throws IOException {
        Raw proxied = raw(port, get("/echo"));
        assertThat(proxied.header("Via")).matches("1\\.1 tollgate \\(tollgate/.+\\)");
        assertThat(proxied.header("Server")).startsWith("tollgate/");
        assertThat(proxied.header("X-Kong-Upstream-Latency")).matches("\\d+");
        assertThat(proxied.header("X-Kong-Proxy-Latency")).matches("\\d+");
        assertThat(proxied.header("X-Kong-Upstream-Status")).isEqualTo("200");
        assertThat(proxied.header("X-Kong-Request-Id"))
                .matches("[0-9a-f]{32}")
                .isEqualTo(seenHeader(proxied, "X-Kong-Request-Id"));
        assertThat(seenHeader(proxied, "Via")).matches("1\\.1 tollgate \\(tollgate/.+\\)");

        Raw generated = raw(port, get("/none"));
        assertThat(generated.header("X-Kong-Response-Latency")).matches("\\d+");
        assertThat(generated.header("Server")).startsWith("tollgate/");
        assertThat(generated.header("X-Kong-Request-Id")).matches("[0-9a-f]{32}");

        Raw off = raw(quietPort, get("/echo"));
        assertThat(off.status()).isEqualTo(200);
        for (String name : List.of(
                "Via",
                "Server",
                "X-Kong-Upstream-Latency",
                "X-Kong-Proxy-Latency",
                "X-Kong-Request-Id",
                "X-Kong-Upstream-Status")) {
            assertThat(off.header(name)).as(name).isNull();
        }
        assertThat(seenHeader(off, "X-Kong-Request-Id"))
                .as("headers_upstream=off")
                .isNull();
        assertThat(seenHeader(off, "Via")).isNull();
        Raw offGenerated = raw(quietPort, get("/none"));
        assertThat(offGenerated.header("X-Kong-Response-Latency")).isNull();
        assertThat(offGenerated.header("Server")).isNull();
    }

    @Test
    void errorBodiesFollowAccept() throws IOException {
        Raw json = raw(port, get("/none"));
        String id = json.header("X-Kong-Request-Id");
        assertThat(json.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        assertThat(json.body())
                .isEqualTo(
                        "{\n  \"message\":\"no Route matched with those values\",\n  \"request_id\":\"" + id + "\"\n}");

        Raw html = raw(port, get("/none", "Accept: text/html,application/xhtml+xml;q=0.9\r\n"));
        assertThat(html.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(html.body())
                .contains("<p>no Route matched with those values.</p>")
                .contains("request_id: " + html.header("X-Kong-Request-Id"));

        Raw xml = raw(port, get("/none", "Accept: application/xml\r\n"));
        assertThat(xml.header("Content-Type")).isEqualTo("application/xml; charset=utf-8");
        assertThat(xml.body()).contains("<message>no Route matched with those values</message>");

        Raw plain = raw(port, get("/none", "Accept: text/plain\r\n"));
        assertThat(plain.body())
                .isEqualTo(
                        "no Route matched with those values\nrequest_id: " + plain.header("X-Kong-Request-Id") + "\n");

        Raw badGateway = raw(port, get("/closed"));
        assertThat(badGateway.status()).isEqualTo(502);
        assertThat(badGateway.header("Content-Type")).as("error_default_type").isEqualTo("text/plain; charset=utf-8");
        assertThat(badGateway.body()).startsWith("An invalid response was received from the upstream server\n");
        Raw jsonGateway = raw(quietPort, get("/closed"));
        assertThat(jsonGateway.header("Content-Type"))
                .as("error_default_type=application/json")
                .isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void sizeLimitsAnswerTheKongWay() throws IOException {
        Raw uri = raw(port, get("/echo?" + "q".repeat(1100)));
        assertThat(uri.status()).isEqualTo(414);
        assertThat(uri.body()).startsWith("URI too long\n");

        Raw header = raw(port, get("/echo", "Cookie: " + "c".repeat(1100) + "\r\n"));
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.body()).startsWith("Bad request\n");

        Raw body = raw(port, "POST /echo HTTP/1.1\r\nHost: gw\r\nContent-Length: 101\r\n\r\n" + "b".repeat(101));
        assertThat(body.status()).isEqualTo(413);
        assertThat(body.body()).startsWith("Payload too large\n");
        assertThat(body.closed()).isTrue();

        Raw chunked = raw(
                port,
                "POST /echo HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n" + "50\r\n" + "x".repeat(80)
                        + "\r\n50\r\n" + "y".repeat(80) + "\r\n0\r\n\r\n");
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(413);

        Raw streamed = raw(
                port,
                "POST /stream HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n" + "50\r\n" + "x".repeat(80)
                        + "\r\n50\r\n" + "y".repeat(80) + "\r\n0\r\n\r\n");
        assertThat(streamed.status())
                .as("request_buffering off: " + streamed.text())
                .isEqualTo(413);
        assertThat(streamed.body()).startsWith("Payload too large\n");
        assertThat(streamed.closed()).isTrue();

        Raw fits = raw(port, "POST /echo HTTP/1.1\r\nHost: gw\r\nContent-Length: 100\r\n\r\n" + "b".repeat(100));
        assertThat(fits.status()).isEqualTo(200);
        assertThat(fits.json().path("body").asText()).hasSize(100);
    }

    @Test
    void smugglingShapesAreRefusedAndTheConnectionClosed() throws IOException {
        String smuggled = "GET /echo/smuggled HTTP/1.1\r\nHost: gw\r\n\r\n";
        for (String request : List.of(
                "POST /echo HTTP/1.1\r\nHost: gw\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                        + smuggled,
                "POST /echo HTTP/1.1\r\nHost: gw\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nabcd" + smuggled,
                "POST /echo HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n" + smuggled,
                "POST /echo HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n" + smuggled,
                "POST /echo HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n"
                        + "0\r\n\r\n" + smuggled,
                "POST /echo HTTP/1.0\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + smuggled)) {
            Raw response = raw(port, request);
            assertThat(response.status()).as(request).isEqualTo(400);
            assertThat(response.closed()).as(request).isTrue();
            assertThat(response.text())
                    .as("no second answer: " + request)
                    .doesNotContain("smuggled")
                    .containsOnlyOnce("HTTP/1.");
        }
    }

    @Test
    void bodiesReachTheUpstreamBufferedOrStreamed() throws IOException {
        for (String path : List.of("/echo", "/stream")) {
            Raw chunked = raw(
                    port,
                    "POST " + path + " HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
            assertThat(chunked.status()).as(path + chunked.text()).isEqualTo(200);
            assertThat(chunked.json().path("body").asText()).isEqualTo("hello world");
        }
    }
}
