package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/09-websockets_spec.lua} (the revision that also runs every case
 * with the {@code enable-buffering} test plugin: each case is ported once, buffering off): a WebSocket handshake and
 * frames through a route {@code /up-ws} (strip_path) whose service's path is {@code /ws}, on the node's plain and
 * TLS proxy listeners, and, as Kong's "without Kong" cases, straight to the upstream.
 *
 * <p>The upstream stands in for Kong's {@code mock_upstream} {@code /ws} location: a loopback WebSocket echo (text
 * frames sent back as they came, pings answered with a pong carrying the same data). Kong's handshake checks look for
 * {@code Via: kong} where Tollgate's {@code Via} is {@code 1.1 tollgate (tollgate/<version>)} (a deliberate
 * difference, as in {@link KongViaSpecIT}).
 *
 * <p>All 8 cases of the spec are ported.
 */
class KongWebsocketsSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/09-websockets_spec.lua";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static Undertow echo;
    private static int echoPort;
    private static String version;

    @BeforeAll
    static void start() throws Exception {
        echo = echoUpstream();
        echo.start();
        echoPort = ((InetSocketAddress) echo.getListenerInfo().get(0).getAddress()).getPort();
        node = NodeProcess.startWithTls("websockets", dir, Map.of());
        KongSpecClient admin = new KongSpecClient(node.admin());
        admin.create("/services", KongSpecClient.body("name", "ws", "url", "http://127.0.0.1:" + echoPort + "/ws"));
        admin.create(
                "/routes",
                KongSpecClient.body(
                        "protocols", List.of("http"),
                        "paths", List.of("/up-ws"),
                        "service", Map.of("name", "ws"),
                        "strip_path", true));
        version = Http.get(node.admin() + "/").json().path("version").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (echo != null) {
            echo.stop();
        }
    }

    /**
     * Kong's {@code mock_upstream} {@code /ws}: echoes text frames; Undertow answers a ping with its pong. Its 101 says
     * {@code Upgrade: websocket} and {@code Connection: upgrade}, as the mock's WebSocket server and nginx write them.
     */
    private static Undertow echoUpstream() {
        HttpHandler websocket = Handlers.websocket((exchange, channel) -> {
            channel.getReceiveSetter().set(new AbstractReceiveListener() {
                @Override
                protected void onFullTextMessage(WebSocketChannel ch, BufferedTextMessage message) {
                    WebSockets.sendText(message.getData(), ch, null);
                }
            });
            channel.resumeReceives();
        });
        HttpHandler asNginx = exchange -> {
            exchange.addResponseCommitListener(committed -> {
                if (committed.getStatusCode() == 101) {
                    committed.getResponseHeaders().put(Headers.UPGRADE, "websocket");
                    committed.getResponseHeaders().put(Headers.CONNECTION, "upgrade");
                }
            });
            websocket.handleRequest(exchange);
        };
        return Undertow.builder()
                .addHttpListener(0, "127.0.0.1")
                .setHandler(Handlers.path().addExactPath("/ws", asNginx))
                .build();
    }

    /** {@value SPEC}: "headers returns correct headers on handshake without Kong". */
    @Test
    void returns_correct_headers_on_handshake_without_kong() throws IOException {
        String head = handshake(echoPort, "/ws");

        assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(head).contains("\r\nConnection: upgrade\r\n");
        assertThat(head).contains("\r\nUpgrade: websocket\r\n");
    }

    /** {@value SPEC}: "headers returns correct headers on handshake with Kong". */
    @Test
    void returns_correct_headers_on_handshake_with_kong() throws IOException {
        String head = handshake(node.proxyPort, "/up-ws");

        assertThat(head).startsWith("HTTP/1.1 101 Switching Protocols\r\n");
        assertThat(head).contains("\r\nConnection: upgrade\r\n");
        assertThat(head).contains("\r\nUpgrade: websocket\r\n");
        assertThat(head).contains("\r\nVia: 1.1 tollgate (tollgate/" + version + ")\r\n");
    }

    /** {@value SPEC}: "text sends and gets text without Kong". */
    @Test
    void sends_and_gets_text_without_kong() throws Exception {
        sendTextAndGetEcho(HttpClient.newHttpClient(), "ws://127.0.0.1:" + echoPort + "/ws");
    }

    /** {@value SPEC}: "text sends and gets text with Kong". */
    @Test
    void sends_and_gets_text_with_kong() throws Exception {
        sendTextAndGetEcho(HttpClient.newHttpClient(), "ws://127.0.0.1:" + node.proxyPort + "/up-ws");
    }

    /** {@value SPEC}: "text sends and gets text with kong under HTTPS". */
    @Test
    void sends_and_gets_text_with_kong_under_https() throws Exception {
        sendTextAndGetEcho(tlsClient(), "wss://127.0.0.1:" + node.tlsPort + "/up-ws");
    }

    /** {@value SPEC}: "ping pong plays ping-pong without Kong". */
    @Test
    void plays_ping_pong_without_kong() throws Exception {
        sendPingAndGetPong(HttpClient.newHttpClient(), "ws://127.0.0.1:" + echoPort + "/ws");
    }

    /** {@value SPEC}: "ping pong plays ping-pong with Kong". */
    @Test
    void plays_ping_pong_with_kong() throws Exception {
        sendPingAndGetPong(HttpClient.newHttpClient(), "ws://127.0.0.1:" + node.proxyPort + "/up-ws");
    }

    /** {@value SPEC}: "ping pong plays ping-pong with kong under HTTPS". */
    @Test
    void plays_ping_pong_with_kong_under_https() throws Exception {
        sendPingAndGetPong(tlsClient(), "wss://127.0.0.1:" + node.tlsPort + "/up-ws");
    }

    private static HttpClient tlsClient() throws Exception {
        return HttpClient.newBuilder().sslContext(TlsNodeIT.trustAll()).build();
    }

    /** Kong's {@code send_text_and_get_echo}: a JSON text frame comes back as a text frame with the same JSON. */
    private static void sendTextAndGetEcho(HttpClient client, String uri) throws Exception {
        String payload = "{\"message\":\"hello websocket\"}";
        Frames frames = new Frames();
        WebSocket socket = client.newWebSocketBuilder()
                .buildAsync(URI.create(uri), frames)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        socket.sendText(payload, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String frame = frames.text.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(frames.error).isNotDone();
        assertThat(Http.JSON.readTree(frame)).isEqualTo(Http.JSON.readTree(payload));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Kong's {@code send_ping_and_get_pong}: a ping with a JSON payload is answered by a pong carrying it. */
    private static void sendPingAndGetPong(HttpClient client, String uri) throws Exception {
        String payload = "{\"message\":\"give me a pong\"}";
        Frames frames = new Frames();
        WebSocket socket = client.newWebSocketBuilder()
                .buildAsync(URI.create(uri), frames)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        socket.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String frame = frames.pong.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(frames.error).isNotDone();
        assertThat(Http.JSON.readTree(frame)).isEqualTo(Http.JSON.readTree(payload));
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * Kong's {@code check_headers}: a hand-written handshake ({@code Upgrade}, {@code Host}, a random
     * {@code Sec-WebSocket-Key}, version 13, {@code Connection: Upgrade}) and the response head up to its blank line.
     */
    private static String handshake(int port, String path) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String request = "GET " + path + " HTTP/1.1\r\nUpgrade: websocket\r\nHost: 127.0.0.1:" + port
                + "\r\nSec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce)
                + "\r\nSec-WebSocket-Version: 13\r\nConnection: Upgrade\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.write(b);
            }
            return head.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Collects the first whole text frame and the first pong; any error is Kong's {@code wc.fatal}. */
    private static final class Frames implements WebSocket.Listener {

        final CompletableFuture<String> text = new CompletableFuture<>();
        final CompletableFuture<String> pong = new CompletableFuture<>();
        final CompletableFuture<Throwable> error = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                text.complete(partial.toString());
            }
            socket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket socket, ByteBuffer message) {
            pong.complete(StandardCharsets.UTF_8.decode(message).toString());
            socket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable cause) {
            error.complete(cause);
            text.completeExceptionally(cause);
            pong.completeExceptionally(cause);
        }
    }
}
