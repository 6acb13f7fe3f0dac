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
    private static HttpServer shortLingering;
    private static final UndertowStatistics SHORT_LINGERING_STATISTICS = new UndertowStatistics();

    @BeforeAll
    static void start() {
        EdgeSettings edge = HttpSettingsFixture.edge(MAX_BODY_BYTES, EdgeSettings.DEFAULTS.clientHeaderTimeoutMs());
        server = serve(edge, new UndertowStatistics());
        port = server.proxyAddresses().get(0).getPort();
        shortLingering = serve(
                HttpSettingsFixture.edge(
                        edge,
                        edge.clientMaxBodySize(),
                        edge.clientHeaderTimeoutMs(),
                        new Lingering(30_000, SHORT_LINGERING_TIMEOUT_MS)),
                SHORT_LINGERING_STATISTICS);
    }

    /** A started node's HTTP server whose proxy refuses every request that passes {@code edge}'s rules. */
    private static HttpServer serve(EdgeSettings edge, UndertowStatistics statistics) {
        // every request that passes the edge's rules is refused as a plugin would, without reading the body
        GatewayProxy proxy = new GatewayProxy(
                exchange -> CompletableFuture.completedFuture(Respond.message(403, "You cannot consume this service")),
                UpstreamKeepalive.DEFAULT,
                edge);
        HttpSettings base = HttpSettingsFixture.plain(List.of(new InetSocketAddress("127.0.0.1", 0)), List.of());
        HttpSettings settings = HttpSettingsFixture.withEdge(base, edge);
        HttpServer started = HttpServerFixture.server(
                settings, proxy.handler(), exchange -> exchange.setStatusCode(404), statistics);
        started.start();
        return started;
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ZERO);
        shortLingering.stop(Duration.ZERO);
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
        String response = writeAllThenRead(MAX_BODY_BYTES + 1);

        assertThat(response).startsWith("HTTP/1.1 413 ");
        assertThat(response).contains("Payload too large");
    }

    @Test
    void a_plugin_refusal_on_a_closing_connection_reaches_a_client_that_writes_the_body_first() throws IOException {
        String response = writeAllThenRead(BODY_BYTES);

        assertThat(response).startsWith("HTTP/1.1 403 ");
        assertThat(response).contains("You cannot consume this service");
    }

    /**
     * Sends a {@code POST} with {@code Connection: close} and its whole body of {@code length} bytes, then reads the
     * response until the server closes.
     */
    private static String writeAllThenRead(int length) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
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
