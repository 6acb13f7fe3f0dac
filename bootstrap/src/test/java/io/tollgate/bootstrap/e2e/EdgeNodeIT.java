package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proxy's edge on a real node (embedded PostgreSQL) configured through its file: {@code trusted_ips} with
 * {@code X-Forwarded-For} as the real-IP header, the {@code headers} property, error bodies by {@code Accept}, and a
 * request-smuggling attempt over a raw socket.
 */
class EdgeNodeIT {

    @TempDir
    Path dir;

    @Test
    void trusted_ips_headers_error_bodies_and_smuggling_on_a_real_node() throws Exception {
        try (EchoUpstream upstream = new EchoUpstream();
                NodeProcess node = NodeProcess.start(
                        "edge",
                        dir,
                        Map.of(
                                "trusted_ips", "127.0.0.1, 10.0.0.0/8",
                                "real_ip_header", "X-Forwarded-For",
                                "real_ip_recursive", "on",
                                "headers", "Via, X-Kong-Upstream-Status, x-kong-request-id",
                                "error_default_type", "text/html",
                                "nginx_http_client_header_timeout", "2s",
                                "nginx_http_client_body_timeout", "1s"))) {
            String admin = node.admin();
            assertThat(post(admin + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(admin + "/services/echo/routes", "{\"paths\":[\"/edge\"]}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(admin + "/services/echo/routes", "{\"paths\":[\"/stream\"],\"request_buffering\":false}")
                            .status())
                    .isEqualTo(201);
            Http.await(node.proxy() + "/edge", Http.status(200), java.time.Duration.ofSeconds(20));
            Http.await(node.proxy() + "/stream", Http.status(200), java.time.Duration.ofSeconds(20));
            aTricklingClientIsDisconnected(URI.create(node.proxy()).getPort());
            aStalledBodyIsCutWithoutAnAnswer(node.proxy(), node.prefix().resolve("logs/access.log"));
            aStalledStreamedChunkedBodyNeverReachesTheUpstreamWhole(node.admin(), node.proxy());
            malformedChunksAreRefusedWith400(node.proxy());
            chunkedBodiesKeepTheirConnection(node.proxy());
            aBodyPastTheBuffersKeepsItsConnection(node.proxy());

            // trusted peer (127.0.0.1): the client is the first untrusted address from the right
            Http.Response proxied = get(
                    node.proxy() + "/edge/x",
                    "X-Forwarded-For",
                    "198.51.100.9, 10.1.2.3",
                    "X-Forwarded-Proto",
                    "https");
            assertThat(proxied.status()).isEqualTo(200);
            JsonNode seen = proxied.json().path("headers");
            assertThat(seen.path("x-real-ip").asText()).isEqualTo("198.51.100.9");
            assertThat(seen.path("x-forwarded-for").asText()).isEqualTo("198.51.100.9, 10.1.2.3, 127.0.0.1");
            assertThat(seen.path("x-forwarded-proto").asText()).isEqualTo("https");
            assertThat(seen.path("x-kong-request-id").asText()).matches("[0-9a-f]{32}");

            // percent-escapes reach the upstream as sent, unreserved ones decoded (Kong's normalisation): the HTTP
            // server must not decode the request URI
            Http.Response escaped = get(node.proxy() + "/edge/a%20b/%E5%86%86/%2F/%7e?q=%20x");
            assertThat(escaped.status()).as(escaped.body()).isEqualTo(200);
            assertThat(escaped.json().path("path").asText()).isEqualTo("/a%20b/%E5%86%86/%2F/~");
            assertThat(escaped.json().path("query").asText()).isEqualTo("q=%20x");

            // the headers property: Via and X-Kong-Upstream-Status on, Server and latencies off
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(
                            java.net.http.HttpRequest.newBuilder(URI.create(node.proxy() + "/edge/h"))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
            // Via carries the version GET / shows, as Kong's (kong (kong/<version>) there)
            String version = get(node.admin() + "/").json().path("version").asText();
            assertThat(response.headers().firstValue("Via")).contains("1.1 tollgate (tollgate/" + version + ")");
            assertThat(response.headers().firstValue("X-Kong-Upstream-Status")).contains("200");
            assertThat(response.headers().firstValue("X-Kong-Request-Id")).isPresent();
            assertThat(response.headers().firstValue("Server")).isEmpty();
            assertThat(response.headers().firstValue("X-Kong-Upstream-Latency")).isEmpty();
            assertThat(response.headers().firstValue("X-Kong-Proxy-Latency")).isEmpty();

            // error bodies by Accept (kong.response.error: JSON by default)
            Http.Response json = get(node.proxy() + "/nowhere");
            assertThat(json.status()).isEqualTo(404);
            assertThat(json.json().path("message").asText()).isEqualTo("no Route matched with those values");
            assertThat(json.json().path("request_id").asText()).matches("[0-9a-f]{32}");
            assertThat(get(node.proxy() + "/nowhere", "Accept", "text/html").body())
                    .contains("<p>no Route matched with those values.</p>");
            assertThat(get(node.proxy() + "/nowhere", "Accept", "application/xml")
                            .body())
                    .contains("<message>no Route matched with those values</message>");
            assertThat(get(node.proxy() + "/nowhere", "Accept", "text/plain").body())
                    .startsWith("no Route matched with those values\nrequest_id: ");

            // smuggling: Content-Length with an obfuscated Transfer-Encoding, a second request hidden in the body
            String attack = "POST /edge HTTP/1.1\r\nHost: gw\r\nContent-Length: 44\r\nTransfer-Encoding: xchunked\r\n"
                    + "\r\n0\r\n\r\nGET /edge/smuggled HTTP/1.1\r\nHost: gw\r\n\r\n";
            String answer = raw(node.proxy(), attack);
            assertThat(answer)
                    .startsWith("HTTP/1.1 400")
                    .doesNotContain("smuggled")
                    .containsOnlyOnce("HTTP/1.1 ");
            String obfuscated = raw(
                    node.proxy(),
                    "POST /edge HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked, "
                            + "identity\r\n\r\n0\r\n\r\nGET /edge/smuggled HTTP/1.1\r\nHost: gw\r\n\r\n");
            assertThat(obfuscated)
                    .startsWith("HTTP/1.1 400")
                    .contains("text/html")
                    .contains("<p>Bad request.</p>")
                    .doesNotContain("smuggled");

            // TRACE is refused as nginx refuses it, before routing; the connection stays usable
            String trace = raw(node.proxy(), "TRACE /edge HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n");
            assertThat(trace).startsWith("HTTP/1.1 405").contains("Method not allowed");
            assertThat(raw(node.proxy(), "GET /edge HTTP/1.1\r\nConnection: close\r\n\r\n"))
                    .as("HTTP/1.1 without Host: 400 and a closed connection, as nginx (Undertow's empty body)")
                    .startsWith("HTTP/1.1 400")
                    .contains("Connection: close");
            assertThat(raw(node.proxy(), "GET /nowhere HTTP/1.0\r\n\r\n"))
                    .as("HTTP/1.0 needs no Host")
                    .startsWith("HTTP/1.0 404");
        }
    }

    /** Writes {@code request} on a fresh connection and reads until the server closes it (or 5 s pass). */
    private static String raw(String base, String request) throws Exception {
        URI uri = URI.create(base);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                out.write("<<connection left open>>".getBytes(StandardCharsets.ISO_8859_1));
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * nginx's client_body_timeout: a client that stops sending its body (fixed length, chunked, streamed) is disconnected
     * after {@code nginx_http_client_body_timeout} (1 s here) without any response bytes, as nginx (which only logs
     * 408); without the timeout the connection would stay open past this client's 30 s read timeout.
     */
    static void aStalledBodyIsCutWithoutAnAnswer(String proxy, Path accessLog) throws Exception {
        for (String stalled : new String[] {
            "POST /edge HTTP/1.1\r\nHost: gw\r\nContent-Length: 10\r\n\r\nabc",
            "POST /edge HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab",
            // request_buffering off: the body is streamed to the upstream, which waits for the rest
            "POST /stream HTTP/1.1\r\nHost: gw\r\nContent-Length: 10\r\n\r\nabc",
            "" // 1.5 MB of a 2 MB body (below)
        }) {
            URI uri = URI.create(proxy);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(30_000);
                long started = System.nanoTime();
                if (stalled.isEmpty()) { // a body larger than the proxy buffers (1 MiB): its rest streams, timed too
                    String head = "POST /edge HTTP/1.1\r\nHost: gw\r\nContent-Length: 2000000\r\n\r\n";
                    socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
                    socket.getOutputStream().write(new byte[1_500_000]);
                    socket.getOutputStream().flush();
                    boolean closed = closedWithoutAnswer(socket);
                    assertThat(closed).as("a stalled body past the buffers").isTrue();
                    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                            .isLessThan(java.time.Duration.ofSeconds(20));
                    continue;
                }
                socket.getOutputStream().write(stalled.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                assertThat(socket.getInputStream().read())
                        .as("closed by the node without a response: " + stalled)
                        .isEqualTo(-1);
                assertThat(java.time.Duration.ofNanos(System.nanoTime() - started))
                        .as("cut by the 1 s body timeout, not by the 2 s header timeout")
                        .isLessThan(java.time.Duration.ofSeconds(20));
            }
        }
        // nginx logs the cut request with 408
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> java.nio.file.Files.exists(accessLog)
                        && java.nio.file.Files.readString(accessLog).contains("\"POST /edge HTTP/1.1\" 408 "));
    }

    /**
     * A chunked body streamed to the upstream ({@code request_buffering} off) that the client stalls is cut by the body
     * timeout mid-body on the upstream side too: the upstream sees its connection end without the last chunk, never a
     * complete (truncated) request. A request sent after the cut reaches the same upstream, so it is up.
     */
    static void aStalledStreamedChunkedBodyNeverReachesTheUpstreamWhole(String admin, String proxy) throws Exception {
        try (AccessControlPluginsNodeIT.RecordingUpstream upstream =
                new AccessControlPluginsNodeIT.RecordingUpstream()) {
            assertThat(post(admin + "/services", "{\"name\":\"recorded\",\"url\":\"" + upstream.url() + "\"}")
                            .status())
                    .isEqualTo(201);
            assertThat(post(
                                    admin + "/services/recorded/routes",
                                    "{\"paths\":[\"/recorded\"],\"request_buffering\":false}")
                            .status())
                    .isEqualTo(201);
            Http.await(proxy + "/recorded/ready", Http.status(200), java.time.Duration.ofSeconds(20));
            URI uri = URI.create(proxy);
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
                socket.setSoTimeout(30_000);
                socket.getOutputStream()
                        .write(("POST /recorded/stalled HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                                        + "5\r\nhello\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                assertThat(closedWithoutAnswer(socket)).isTrue();
            }
            try (Socket socket = new Socket(uri.getHost(), uri.getPort())) { // a client that goes away mid-body
                socket.getOutputStream()
                        .write(("POST /recorded/dropped HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                                        + "5\r\nhello\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
            }
            assertThat(get(proxy + "/recorded/after").status()).isEqualTo(200);
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() ->
                            upstream.received.stream().anyMatch(r -> r.path().equals("/after")));
            assertThat(upstream.received)
                    .as("the upstream never took the cut body for a whole one")
                    .noneMatch(r -> r.path().equals("/stalled") || r.path().equals("/dropped")); // strip_path
        }
    }

    /**
     * A body larger than the proxy's buffers (its rest streamed, and timed) leaves the connection as it was: the
     * request pipelined after it on the same connection is answered too.
     */
    static void aBodyPastTheBuffersKeepsItsConnection(String proxy) throws Exception {
        URI uri = URI.create(proxy);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /edge HTTP/1.1\r\nHost: gw\r\nContent-Length: 2000000\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[2_000_000]);
            out.write("GET /edge/next HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answers.split("HTTP/1.1 200 ", -1))
                    .as(answers.substring(0, Math.min(answers.length(), 600)))
                    .hasSize(3);
            assertThat(answers).contains("/edge/next");
        }
    }

    /**
     * Whether the node closed the connection without sending a byte: end of stream, or a reset (the node closed with
     * the client's bytes unread). A read timeout (30 s) is an exception, so a connection left open fails the test.
     */
    private static boolean closedWithoutAnswer(Socket socket) throws IOException {
        try {
            return socket.getInputStream().read() == -1;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /**
     * nginx's chunk parser: malformed framing (a size overflow, a negative, non-hex or garbage-trailed size, data
     * longer than its size, a CR without LF) is answered 400 with Kong's body and a
     * closed connection, before the upstream is contacted; nothing after the body is read as a request.
     */
    static void malformedChunksAreRefusedWith400(String proxy) throws Exception {
        String head = "POST /edge/chunks HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n";
        String smuggled = "GET /edge/smuggled HTTP/1.1\r\nHost: gw\r\n\r\n";
        for (String body : new String[] {
            "FFFFFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n",
            "-5\r\nhello\r\n0\r\n\r\n" + smuggled,
            "zz\r\nhello\r\n0\r\n\r\n",
            "5x\r\nhello\r\n0\r\n\r\n" + smuggled,
            "5\r\nhello0\r\n\r\n" + smuggled,
            "5\r\nhello\rX0\r\n\r\n",
            "0\r\nX-Trailer: t\rX\r\n\r\n" + smuggled
        }) {
            assertThat(raw(proxy, head + body))
                    .as(body)
                    .startsWith("HTTP/1.1 400 ")
                    .contains("Connection: close")
                    .contains("<p>Bad request.</p>") // error_default_type text/html
                    .doesNotContain("smuggled")
                    .doesNotContain("/edge/chunks")
                    .doesNotContain("<<connection left open>>");
        }
    }

    /**
     * A well-formed chunked body, with an extension, bare line feeds and a trailer (dropped, as nginx drops it), is
     * forwarded whole, and the
     * request pipelined after it on the same connection is answered; so is one after a 2 MB chunked body, whose part
     * beyond the proxy's buffers streams.
     */
    static void chunkedBodiesKeepTheirConnection(String proxy) throws Exception {
        URI uri = URI.create(proxy);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /edge/small HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + "5;ext=1\r\nhello\r\n6\n world\n0\r\nX-Trailer: t\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write("POST /edge/large HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[100_000];
            java.util.Arrays.fill(chunk, (byte) 'a');
            for (int i = 0; i < 20; i++) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            out.write(("0\r\n\r\nGET /edge/next HTTP/1.1\r\nHost: gw\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answers.split("HTTP/1.1 200 ", -1))
                    .as(answers.substring(0, Math.min(answers.length(), 600)))
                    .hasSize(4);
            assertThat(answers).contains("\"body\":\"hello world\"").contains("/edge/next");
            assertThat(answers).as("the 2 MB body arrived whole").contains("a".repeat(2_000_000) + "\"");
        }
    }

    /** nginx's client_header_timeout: a client that trickles its request head is disconnected. */
    static void aTricklingClientIsDisconnected(int proxyPort) throws Exception {
        try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), proxyPort)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: slow.test\r\nX-Slow: ".getBytes());
            socket.getOutputStream().flush();
            // closed by the node after 2 s (nginx_http_client_header_timeout), not by this client's 30 s timeout
            assertThat(socket.getInputStream().read())
                    .as("the node closed the connection")
                    .isEqualTo(-1);
        }
    }
}
