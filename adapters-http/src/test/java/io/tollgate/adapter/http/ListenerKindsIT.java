package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.edge.EdgeSettings;
import io.tollgate.adapter.http.gui.AdminGuiSettings;
import io.tollgate.application.port.in.TlsCertificates;
import io.undertow.server.HttpHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of listener (proxy, Admin API, Kong Manager, status API; cleartext HTTP/2 among them) is Tollgate's own
 * ({@link BoundListener}): each takes raw UTF-8 in the request target, as nginx does, and an {@code http2} listener
 * without {@code ssl} upgrades to HTTP/2 (h2c) as Undertow's builder set it up.
 */
class ListenerKindsIT {

    private static final InetSocketAddress LOOPBACK = new InetSocketAddress("127.0.0.1", 0);
    private HttpServer server;

    /** Answers the listener's kind, the protocol and the request path as Undertow reports it. */
    private static HttpHandler answering(String kind) {
        return exchange -> exchange.getResponseSender()
                .send(kind + " " + exchange.getProtocol() + " " + exchange.getRequestPath(), StandardCharsets.UTF_8);
    }

    @BeforeEach
    void start() {
        List<Listener> one = List.of(Listener.plain(LOOPBACK));
        HttpSettings base =
                HttpSettingsFixture.listeners(List.of(new Listener(LOOPBACK, false, true)), one, List.of(), null);
        HttpSettings settings = new HttpSettings(
                base.proxyListeners(),
                base.adminListeners(),
                base.adminGuiUrl(),
                base.adminAllowedHosts(),
                null,
                base.upstreamKeepalive(),
                EdgeSettings.DEFAULTS,
                null,
                null,
                one,
                AdminGuiSettings.DEFAULT,
                one);
        server = new HttpServer(
                settings,
                answering("proxy"),
                answering("admin"),
                answering("gui"),
                answering("status"),
                new UndertowStatistics(),
                () -> TlsCertificates.EMPTY);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(Duration.ZERO);
    }

    @Test
    void every_kind_of_listener_takes_raw_utf8_in_the_request_target() throws Exception {
        assertThat(raw(server.proxyAddresses().get(0), "/\u5186"))
                .as("proxy (h2c): DECODE_URL off, each raw byte reported as the char of its value")
                .startsWith("HTTP/1.1 200")
                .endsWith("proxy HTTP/1.1 /\u00e5\u0086\u0086");
        assertThat(raw(server.adminAddresses().get(0), "/\u5186"))
                .as("Admin API: DECODE_URL off too, the Admin API decodes the target itself (KongAdminSpecIT)")
                .startsWith("HTTP/1.1 200")
                .endsWith("admin HTTP/1.1 /\u00e5\u0086\u0086");
        assertThat(raw(server.guiAddresses().get(0), "/\u5186"))
                .startsWith("HTTP/1.1 200")
                .endsWith("gui HTTP/1.1 /\u5186");
        assertThat(raw(server.statusAddresses().get(0), "/\u5186"))
                .startsWith("HTTP/1.1 200")
                .endsWith("status HTTP/1.1 /\u5186");
    }

    @Test
    void a_cleartext_http2_listener_upgrades_to_h2c() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        URI uri =
                URI.create("http://127.0.0.1:" + server.proxyAddresses().get(0).getPort() + "/up");
        for (int i = 0; i < 2; i++) { // the upgrade, then a request on the HTTP/2 connection
            HttpResponse<String> response =
                    client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(response.body()).endsWith(" /up");
        }
        HttpResponse<String> plain = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                        + server.adminAddresses().get(0).getPort() + "/"))
                                .version(HttpClient.Version.HTTP_2)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(plain.version()).as("no http2 flag: stays HTTP/1.1").isEqualTo(HttpClient.Version.HTTP_1_1);
    }

    /** Sends {@code GET target} with its raw UTF-8 bytes; the response as UTF-8 text. */
    private static String raw(InetSocketAddress address, String target) throws Exception {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String latin1 = TlsListenerIT.readResponse(in);
            return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }
}
