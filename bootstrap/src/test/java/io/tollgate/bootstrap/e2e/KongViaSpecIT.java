package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/35-via_spec.lua}: the proxy appends its {@code Via} entry to
 * the request's {@code Via} on the way up and to the upstream's on the way down, and keeps the upstream's
 * {@code Server}. Kong's entry is {@code 1.1 kong (kong/<version>)}; Tollgate's is
 * {@code 1.1 tollgate (tollgate/<version>)} (a deliberate difference), the version being what {@code GET /} shows.
 *
 * <p>Of the spec's 4 cases, 2 are ported (the HTTP/2 one through the node's {@code ssl http2} listener, addressed as
 * {@code localhost}: the JDK's client cannot send another {@code :authority}). Left out as no counterpart: the two
 * gRPC ones (they need grpcbin).
 */
class KongViaSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/35-via_spec.lua";

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static HttpServer mock;

    @BeforeAll
    static void start() throws Exception {
        mock = viaMock();
        node = NodeProcess.startWithTls("via", dir, Map.of());
        KongSpecClient admin = new KongSpecClient(node.admin());
        admin.create(
                "/services",
                KongSpecClient.body(
                        "name",
                        "via_service",
                        "url",
                        "http://127.0.0.1:" + mock.getAddress().getPort() + "/via"));
        admin.create(
                "/routes",
                KongSpecClient.body(
                        "name", "via_route",
                        // Kong's host, plus localhost for the HTTP/2 client, which names the host it connects to
                        "hosts", List.of("test.via", "localhost"),
                        "paths", List.of("/get"),
                        "service", Map.of("name", "via_service")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.stop(0);
        }
    }

    /**
     * Kong's http_mock at {@code /via}: answers {@code {"via": <the request's Via>}} with {@code Server: http-mock}
     * and {@code Via: 2 nginx, HTTP/1.1 http_mock}.
     */
    private static HttpServer viaMock() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ObjectMapper json = new ObjectMapper();
        server.createContext("/via", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String via = String.join(", ", exchange.getRequestHeaders().getOrDefault("Via", List.of("nil")));
            byte[] body = json.writeValueAsBytes(Map.of("via", via));
            exchange.getResponseHeaders().add("Server", "http-mock");
            exchange.getResponseHeaders().add("Via", "2 nginx, HTTP/1.1 http_mock");
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }

    /** {@value SPEC}: "HTTP/1.1 in both the inbound and outbound directions". */
    @Test
    void http_1_1_in_both_the_inbound_and_outbound_directions() throws Exception {
        String version = Http.get(node.admin() + "/").json().path("version").asText();
        String entry = "1.1 tollgate (tollgate/" + version + ")";
        RawHttp.Response response = RawHttp.request("GET", "test.via", "/get")
                .header("Via", "1.1 dev")
                .send(node.proxyPort);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("via").asText()).isEqualTo("1.1 dev, " + entry);
        assertThat(response.json().size()).isEqualTo(1);
        assertThat(response.header("Via")).isEqualTo("2 nginx, HTTP/1.1 http_mock, " + entry);
        assertThat(response.header("Server")).isEqualTo("http-mock");
    }

    /** {@value SPEC}: "HTTP/2 in both the inbound and outbound directions". */
    @Test
    void http_2_in_both_the_inbound_and_outbound_directions() throws Exception {
        String version = Http.get(node.admin() + "/").json().path("version").asText();
        HttpClient client = HttpClient.newBuilder()
                .sslContext(TlsNodeIT.trustAll())
                .version(HttpClient.Version.HTTP_2)
                .build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + node.tlsPort + "/get"))
                        .header("Via", "1.1 dev")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Http.JSON.readTree(response.body()).path("via").asText())
                .isEqualTo("1.1 dev, 2 tollgate (tollgate/" + version + ")");
        assertThat(response.headers().firstValue("Via"))
                .contains("2 nginx, HTTP/1.1 http_mock, 1.1 tollgate (tollgate/" + version + ")");
        assertThat(response.headers().firstValue("Server")).contains("http-mock");
    }
}
