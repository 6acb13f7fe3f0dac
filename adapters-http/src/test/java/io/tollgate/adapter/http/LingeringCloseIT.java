package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.Lingering;
import io.tollgate.adapter.http.proxy.GatewayProxy;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nginx's lingering close on the proxy listener ({@link LingeringClose}), on a real {@link HttpServer} with the real
 * proxy: a refusal sent before the request body was read, on a connection that closes after it, reaches a client that
 * writes its whole (large) body before it reads, as it does through nginx, instead of a broken pipe or a reset.
 */
class LingeringCloseIT {

    /** A body the proxy takes, but far more than the sockets' buffers on both sides hold. */
    private static final int BODY_BYTES = 16 * 1024 * 1024;

    /** {@code nginx_http_client_max_body_size}, under which the plugin-like refusal is tested. */
    private static final int MAX_BODY_BYTES = 2 * BODY_BYTES;

    /** A {@code nginx_http_lingering_timeout} far below nginx's 5 s default. */
    private static final long SHORT_LINGERING_TIMEOUT_MS = 300;

    private static HttpServer server;
    private static int port;
    private static final UndertowStatistics STATISTICS = new UndertowStatistics();
    private static HttpServer shortLingering;
    private static final UndertowStatistics SHORT_LINGERING_STATISTICS = new UndertowStatistics();
    private static HttpServer off;
    private static final UndertowStatistics OFF_STATISTICS = new UndertowStatistics();
    private static HttpServer always;
    private static final UndertowStatistics ALWAYS_STATISTICS = new UndertowStatistics();

    @BeforeAll
    static void start() {
        EdgeSettings edge = HttpSettingsFixture.edge(MAX_BODY_BYTES, EdgeSettings.DEFAULTS.clientHeaderTimeoutMs());
        server = serve(edge, STATISTICS);
        port = server.proxyAddresses().get(0).getPort();
        shortLingering = serve(
                lingering(edge, new Lingering(Lingering.Close.ON, 30_000, SHORT_LINGERING_TIMEOUT_MS)),
                SHORT_LINGERING_STATISTICS);
        // long lingering times, so that a connection that lingered when it should not would outlast the assertions
        off = serve(lingering(edge, new Lingering(Lingering.Close.OFF, 60_000, 60_000)), OFF_STATISTICS);
        always = serve(lingering(edge, new Lingering(Lingering.Close.ALWAYS, 60_000, 60_000)), ALWAYS_STATISTICS);
    }

    private static EdgeSettings lingering(EdgeSettings edge, Lingering lingering) {
        return HttpSettingsFixture.edge(edge, edge.clientMaxBodySize(), edge.clientHeaderTimeoutMs(), lingering);
    }

    /**
     * A started node's HTTP server whose proxy refuses every request that passes {@code edge}'s rules, and whose
     * Admin API answers 404 to every request; neither reads the request body.
     */
    private static HttpServer serve(EdgeSettings edge, UndertowStatistics statistics) {
        // every request that passes the edge's rules is refused as a plugin would, without reading the body
        GatewayProxy proxy = new GatewayProxy(
                exchange -> CompletableFuture.completedFuture(Respond.message(403, "You cannot consume this service")),
                UpstreamKeepalive.DEFAULT,
                edge);
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        HttpSettings base = HttpSettingsFixture.plain(List.of(loopback), List.of(loopback));
        HttpSettings settings = HttpSettingsFixture.withEdge(base, edge);
        HttpServer started = HttpServerFixture.server(
                settings, proxy.handler(), exchange -> exchange.setStatusCode(404), statistics);
        started.start();
        return started;
    }

    @AfterAll
    static void stop() {
        for (HttpServer s : List.of(server, shortLingering, off, always)) {
            s.stop(Duration.ZERO);
        }
    }

    /**
     * {@code nginx_http_lingering_timeout}: a client that sent part of a refused body and then nothing, its socket
     * left open, is let go once it was idle that long: the server closes the connection, where nginx's default would
     * keep it for 5 s.
     */
    @Test
    void a_lingering_connection_closes_after_the_configured_lingering_timeout() throws IOException {
        try (Socket socket =
                new Socket("127.0.0.1", shortLingering.proxyAddresses().get(0).getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /anything HTTP/1.1\r\nHost: lingering.test\r\nConnection: close\r\n"
                    + "Content-Length: " + (MAX_BODY_BYTES + 1) + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[64 * 1024]);
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(received); // ends at the answer's end: the server shuts its output

            assertThat(received.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 413 ");
            Awaitility.await()
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> SHORT_LINGERING_STATISTICS.counts().connectionsActive() == 0);
        }
    }

    @Test
    void a_413_for_a_declared_body_over_client_max_body_size_reaches_a_client_that_writes_the_body_first()
            throws IOException {
        String response = writeAllThenRead(port, MAX_BODY_BYTES + 1);

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(response).contains("Payload too large");
    }

    @Test
    void a_plugin_refusal_on_a_closing_connection_reaches_a_client_that_writes_the_body_first() throws IOException {
        String response = writeAllThenRead(port, BODY_BYTES);

        assertThat(response).startsWith("HTTP/1.1 403 ");
        assertThat(response).contains("You cannot consume this service");
    }

    /**
     * The Admin API lingers as the proxy does (nginx's lingering settings are http-block ones): its refusal reaches a
     * client that writes a large body first.
     */
    @Test
    void an_admin_api_answer_on_a_closing_connection_reaches_a_client_that_writes_the_body_first() throws IOException {
        String response = writeAllThenRead(server.adminAddresses().get(0).getPort(), BODY_BYTES);

        assertThat(response).startsWith("HTTP/1.1 404 ");
    }

    /**
     * {@code nginx_http_lingering_close off}: a refusal with the body unread closes the connection at once, though
     * the client sent nothing more and keeps its socket open (under {@code on} it would linger, here for 60 s).
     */
    @Test
    void lingering_close_off_closes_a_connection_with_an_unread_body_at_once() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", off.proxyAddresses().get(0).getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /anything HTTP/1.1\r\nHost: lingering.test\r\nConnection: close\r\n"
                    + "Content-Length: " + BODY_BYTES + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[1024]);
            out.flush();
            assertThat(readQuietly(socket)).startsWith("HTTP/1.1 403 ");

            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> OFF_STATISTICS.counts().connectionsActive() == 0);
        }
    }

    /**
     * {@code nginx_http_lingering_close always}: a closing connection whose request was read whole still lingers,
     * reading and dropping what the client sends after the answer, until the client closes. Under the default
     * {@code on}, the same connection is closed as soon as more input comes.
     */
    @Test
    void lingering_close_always_lingers_after_a_whole_request_until_the_client_closes() throws IOException {
        try (Socket socket =
                new Socket("127.0.0.1", always.proxyAddresses().get(0).getPort())) {
            socket.setSoTimeout(10_000);
            assertThat(getAndRead(socket)).startsWith("HTTP/1.1 403 ");
            writeMore(socket);

            Awaitility.await()
                    .during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> ALWAYS_STATISTICS.counts().connectionsActive() == 1);
        }
        // the client closed: the server reads the end of its input and closes too
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> ALWAYS_STATISTICS.counts().connectionsActive() == 0);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            assertThat(getAndRead(socket)).startsWith("HTTP/1.1 403 ");
            writeMore(socket);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> STATISTICS.counts().connectionsActive() == 0);
        }
    }

    /** Writes 4 KiB more after an answered request, as a client that pipelined more would. */
    private static void writeMore(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(new byte[4096]);
        out.flush();
    }

    /** Sends a {@code GET} without a body and with {@code Connection: close}; reads until the server's output ends. */
    private static String getAndRead(Socket socket) throws IOException {
        socket.getOutputStream()
                .write("GET /anything HTTP/1.1\r\nHost: lingering.test\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(received);
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** What the server sent before its output ended or the connection was reset. */
    private static String readQuietly(Socket socket) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try {
            socket.getInputStream().transferTo(received);
        } catch (IOException reset) {
            // an unread body's connection closed at once may be reset; what came before the reset is kept
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Sends a {@code POST} with {@code Connection: close} and its whole body of {@code length} bytes to
     * {@code listenerPort}, then reads the response until the server closes.
     */
    private static String writeAllThenRead(int listenerPort, int length) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", listenerPort)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST /anything HTTP/1.1\r\nHost: lingering.test\r\nConnection: close\r\n"
                    + "Content-Length: " + length + "\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'b');
            for (int written = 0; written < length; written += chunk.length) {
                out.write(chunk, 0, Math.min(chunk.length, length - written));
            }
            out.flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            socket.getInputStream().transferTo(received);
            return received.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
