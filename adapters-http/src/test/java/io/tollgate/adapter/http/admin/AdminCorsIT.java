package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.HttpServer;
import io.tollgate.adapter.http.HttpSettingsFixture;
import io.tollgate.adapter.http.Listener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** CORS for a browser admin GUI: Kong's default (any origin) and {@code admin_gui_url}. */
class AdminCorsIT extends AdminApiITSupport {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<String> send(
            int port, String method, String path, @Nullable String origin, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (origin != null) {
            request.header("Origin", origin);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static @Nullable String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    @Test
    void without_admin_gui_url_any_origin_is_echoed() throws Exception {
        int port = server.adminAddresses().get(0).getPort();
        HttpResponse<String> plain = send(port, "GET", "/services", null);
        assertThat(header(plain, "Access-Control-Allow-Origin")).isEqualTo("*");
        assertThat(header(plain, "Access-Control-Allow-Credentials")).isNull();

        HttpResponse<String> browser = send(port, "GET", "/services", "http://gui.example:8002");
        assertThat(header(browser, "Access-Control-Allow-Origin")).isEqualTo("http://gui.example:8002");
        assertThat(header(browser, "Access-Control-Allow-Credentials")).isEqualTo("true");

        HttpResponse<String> error = send(port, "GET", "/nope", "http://gui.example:8002");
        assertThat(error.statusCode()).isEqualTo(404);
        assertThat(header(error, "Access-Control-Allow-Origin")).isEqualTo("http://gui.example:8002");
    }

    @Test
    void a_preflight_answers_the_allowed_methods_and_headers() throws Exception {
        int port = server.adminAddresses().get(0).getPort();
        HttpResponse<String> preflight = send(
                port,
                "OPTIONS",
                "/services/s1",
                "http://gui.example",
                "Access-Control-Request-Method",
                "PATCH",
                "Access-Control-Request-Headers",
                "content-type,x-custom");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.body()).isEmpty();
        assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("http://gui.example");
        assertThat(header(preflight, "Access-Control-Allow-Methods")).isEqualTo("GET,PUT,PATCH,DELETE,POST");
        assertThat(header(preflight, "Access-Control-Allow-Headers")).isEqualTo("content-type,x-custom");
        assertThat(header(preflight, "Access-Control-Allow-Credentials")).isEqualTo("true");
        assertThat(header(preflight, "Access-Control-Max-Age")).isEqualTo("3600");

        HttpResponse<String> options = send(port, "OPTIONS", "/services", null);
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(header(options, "Allow")).isEqualTo("GET, HEAD, OPTIONS, POST");
    }

    @Test
    void admin_gui_url_restricts_the_allowed_origins() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        HttpServer restricted = server(
                HttpSettingsFixture.listeners(
                        List.of(),
                        List.of(Listener.plain(loopback)),
                        List.of("https://manager.example:8445/gui", "http://localhost:8002"),
                        null),
                exchange -> {},
                AdminAccessSettings.OFF,
                credential -> java.util.Optional.empty());
        restricted.start();
        try {
            int port = restricted.adminAddresses().get(0).getPort();
            HttpResponse<String> allowed = send(port, "GET", "/services", "http://localhost:8002");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(header(allowed, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:8002");
            assertThat(header(allowed, "Access-Control-Allow-Credentials")).isEqualTo("true");
            assertThat(header(allowed, "Vary")).isEqualTo("Origin");

            HttpResponse<String> other = send(port, "GET", "/services", "http://evil.example");
            assertThat(header(other, "Access-Control-Allow-Origin")).isEqualTo("https://manager.example:8445");

            HttpResponse<String> none = send(port, "GET", "/services", null);
            assertThat(header(none, "Access-Control-Allow-Origin")).isEqualTo("https://manager.example:8445");

            HttpResponse<String> preflight = send(
                    port,
                    "OPTIONS",
                    "/services",
                    "https://manager.example:8445",
                    "Access-Control-Request-Method",
                    "POST");
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(header(preflight, "Access-Control-Allow-Origin")).isEqualTo("https://manager.example:8445");
            assertThat(header(preflight, "Access-Control-Allow-Headers")).isEqualTo("Content-Type");
        } finally {
            restricted.stop(Duration.ofSeconds(1));
        }
    }
}
