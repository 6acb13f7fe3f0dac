package io.tollgate.adapter.http;

import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.edge.ProxyProtocolHeader;
import io.tollgate.adapter.http.edge.ProxyProtocolPeer;
import io.undertow.server.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners with Kong's {@code proxy_protocol} flag ({@link ProxyProtocolReader}): each connection must start with a
 * PROXY protocol header (v1 or v2, before TLS with {@code ssl}); the connection's peer address stays the real TCP
 * peer and carries the header; a connection without one is closed unanswered.
 */
class ProxyProtocolListenerIT {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private static final String V1 = "PROXY TCP4 192.168.0.1 127.0.0.1 56324 8000\r\n";
    private static final String GET = "GET /x HTTP/1.1\r\nHost: x\r\n\r\n";

    /** {@code nginx_http_client_header_timeout}: the deadline for the PROXY protocol header too. */
    private static final long HEADER_TIMEOUT_MS = 500;

    private HttpServer server;

    /** Answers the peer address Undertow reports and the PROXY header's source riding on it. */
    private static final HttpHandler PEER = exchange -> {
        SocketAddress source = exchange.getSourceAddress();
        String proxied =
                source instanceof ProxyProtocolPeer peer && peer.header() instanceof ProxyProtocolHeader.Proxied header
                        ? header.source().getAddress().getHostAddress() + ":"
                                + header.source().getPort()
                        : source instanceof ProxyProtocolPeer ? "unknown" : "none";
        exchange.getResponseSender()
                .send(exchange.getSourceAddress().getAddress().getHostAddress() + " " + proxied + " "
                        + exchange.getRequestScheme());
    };

    @BeforeEach
    void start() {
        HttpSettings base = HttpSettingsFixture.listeners(
                List.of(new Listener(LOOPBACK, false, false, true), new Listener(LOOPBACK, true, false, true)),
                List.of(new Listener(LOOPBACK, false, false)),
                List.of(),
                new ServerTls(pem("rsa.crt"), pem("rsa.key")));
        EdgeSettings edge = HttpSettingsFixture.edge(EdgeSettings.DEFAULTS.clientMaxBodySize(), HEADER_TIMEOUT_MS);
        HttpSettings settings = HttpSettingsFixture.withEdge(base, edge);
        server = HttpServerFixture.server(settings, PEER, PEER, new UndertowStatistics());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
    }

    private int plainPort() {
        return server.proxyAddresses().get(0).getPort();
    }

    @Test
    void a_v1_header_gives_the_proxied_source_and_the_real_peer_stays() throws Exception {
        try (Socket socket = socket(plainPort())) {
            socket.getOutputStream().write((V1 + GET).getBytes(StandardCharsets.US_ASCII));

            assertThat(response(socket.getInputStream())).endsWith("127.0.0.1 192.168.0.1:56324 http");
            socket.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
            assertThat(response(socket.getInputStream()))
                    .as("the next request on the connection needs no header")
                    .endsWith("127.0.0.1 192.168.0.1:56324 http");
        }
    }

    @Test
    void a_header_sent_in_pieces_is_read_as_it_comes() throws Exception {
        try (Socket socket = socket(plainPort())) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = (V1 + GET).getBytes(StandardCharsets.US_ASCII);
            for (int at = 0; at < bytes.length; at += 7) {
                out.write(bytes, at, Math.min(7, bytes.length - at));
                out.flush();
            }

            assertThat(response(socket.getInputStream())).endsWith("127.0.0.1 192.168.0.1:56324 http");
        }
    }

    @Test
    void a_v2_header_and_unknown_ones() throws Exception {
        ByteBuffer v2 = ByteBuffer.allocate(28);
        v2.put(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A});
        v2.put((byte) 0x21).put((byte) 0x11).putShort((short) 12);
        v2.put(new byte[] {10, 1, 2, 3, 127, 0, 0, 1}).putShort((short) 4000).putShort((short) 8000);
        try (Socket socket = socket(plainPort())) {
            socket.getOutputStream().write(v2.array());
            socket.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));

            assertThat(response(socket.getInputStream())).endsWith("127.0.0.1 10.1.2.3:4000 http");
        }
        try (Socket socket = socket(plainPort())) {
            socket.getOutputStream().write(("PROXY UNKNOWN\r\n" + GET).getBytes(StandardCharsets.US_ASCII));

            assertThat(response(socket.getInputStream())).endsWith("127.0.0.1 unknown http");
        }
    }

    @Test
    void a_connection_without_a_valid_header_is_closed_unanswered() throws Exception {
        for (String first : new String[] {GET, "PROXY TCP4 nonsense\r\n" + GET}) {
            try (Socket socket = socket(plainPort())) {
                socket.getOutputStream().write(first.getBytes(StandardCharsets.US_ASCII));

                assertThat(socket.getInputStream().readAllBytes()).as(first).isEmpty();
            }
        }
        try (Socket socket = socket(server.adminAddresses().get(0).getPort())) {
            socket.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));
            assertThat(response(socket.getInputStream()))
                    .as("a listener without the flag takes no header")
                    .endsWith("127.0.0.1 none http");
        }
    }

    @Test
    void a_connection_that_does_not_finish_its_header_in_time_is_closed() throws Exception {
        try (Socket socket = socket(plainPort())) {
            long started = System.nanoTime();
            socket.getOutputStream().write("PROXY TCP4 192.168".getBytes(StandardCharsets.US_ASCII));

            assertThat(socket.getInputStream().readAllBytes()).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .isBetween(Duration.ofMillis(HEADER_TIMEOUT_MS - 50), Duration.ofSeconds(5));
        }
    }

    @Test
    void with_ssl_the_header_comes_before_the_tls_handshake() throws Exception {
        int port = server.proxyAddresses().get(1).getPort();
        try (Socket plain = socket(port)) {
            plain.getOutputStream().write(V1.getBytes(StandardCharsets.US_ASCII));
            try (SSLSocket tls = (SSLSocket)
                    TlsListenerIT.trustAll().getSocketFactory().createSocket(plain, "127.0.0.1", port, true)) {
                tls.startHandshake();
                tls.getOutputStream().write(GET.getBytes(StandardCharsets.US_ASCII));

                assertThat(response(tls.getInputStream())).endsWith("127.0.0.1 192.168.0.1:56324 https");
            }
        }
    }

    private static Socket socket(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Reads one response with a {@code Content-Length} body; its head and body as text. */
    private static String response(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after: " + head);
            }
            head.append((char) b);
        }
        String lower = head.toString().toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf("content-length:") + "content-length:".length();
        int length =
                Integer.parseInt(lower.substring(at, lower.indexOf("\r\n", at)).trim());
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
