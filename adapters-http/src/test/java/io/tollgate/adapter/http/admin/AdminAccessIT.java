package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.adapter.http.HttpServer;
import io.tollgate.adapter.http.HttpSettingsFixture;
import io.tollgate.adapter.http.Listener;
import io.tollgate.application.port.in.AdminCredential;
import io.tollgate.application.port.in.AuthenticateAdmin;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * {@code admin_auth} on the Admin API's HTTP surface: which headers are read in each mode, the 401's shape, the
 * unauthenticated CORS preflight, and CORS limited to {@code admin_gui_url}. The accounts are a fixed credential
 * check here; {@code AdminAuthNodeIT} runs the real accounts on a real database.
 */
class AdminAccessIT extends AdminApiITSupport {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** alice/s3cret is the only password, "tok-1" the only token. */
    private static final AuthenticateAdmin ACCOUNTS = credential -> switch (credential) {
        case AdminCredential.Password p ->
            p.name().equals("alice") && p.password().equals("s3cret") ? Optional.of("alice") : Optional.empty();
        case AdminCredential.Token t -> t.token().equals("tok-1") ? Optional.of("bot") : Optional.empty();
    };

    private static HttpServer start(AdminAuthMode mode, List<String> adminGuiUrl) {
        HttpServer server = server(
                HttpSettingsFixture.listeners(
                        List.of(), List.of(Listener.plain(new InetSocketAddress("127.0.0.1", 0))), adminGuiUrl, null),
                exchange -> {},
                new AdminAccessSettings(mode),
                ACCOUNTS);
        server.start();
        return server;
    }

    private static HttpResponse<String> send(HttpServer server, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.adminAddresses().get(0).getPort() + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static @Nullable String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static void assertUnauthorized(HttpResponse<String> response, String scheme) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
        assertThat(header(response, "WWW-Authenticate")).isEqualTo(scheme + " realm=\"tollgate-admin\"");
        assertThat(header(response, "Content-Type")).startsWith("application/json");
    }

    @Test
    void basic_mode_takes_a_password_account_and_refuses_everything_else() throws Exception {
        HttpServer server = start(AdminAuthMode.BASIC, List.of());
        try {
            assertThat(send(server, "GET", "/services", "Authorization", basic("alice", "s3cret"))
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(
                                    server,
                                    "GET",
                                    "/",
                                    "Authorization",
                                    "basic " + basic("alice", "s3cret").substring(6))
                            .statusCode())
                    .isEqualTo(200);
            assertUnauthorized(send(server, "GET", "/services"), "Basic");
            assertUnauthorized(send(server, "GET", "/status"), "Basic");
            assertUnauthorized(send(server, "GET", "/nope"), "Basic"); // no route probing without credentials
            assertUnauthorized(send(server, "POST", "/services", "Authorization", basic("alice", "wrong")), "Basic");
            assertUnauthorized(send(server, "GET", "/services", "Authorization", "Basic !!!"), "Basic");
            assertUnauthorized(send(server, "GET", "/services", "Authorization", "Bearer tok-1"), "Basic");
            assertUnauthorized(send(server, "GET", "/services", "Kong-Admin-Token", "tok-1"), "Basic");
            // a plain OPTIONS (not a preflight) needs credentials too
            assertUnauthorized(send(server, "OPTIONS", "/services"), "Basic");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void token_mode_takes_kong_admin_token_or_bearer() throws Exception {
        HttpServer server = start(AdminAuthMode.TOKEN, List.of());
        try {
            assertThat(send(server, "GET", "/services", "Kong-Admin-Token", "tok-1")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(send(server, "GET", "/services", "Authorization", "Bearer tok-1")
                            .statusCode())
                    .isEqualTo(200);
            assertUnauthorized(send(server, "GET", "/services"), "Bearer");
            assertUnauthorized(send(server, "GET", "/services", "Kong-Admin-Token", "tok-2"), "Bearer");
            assertUnauthorized(send(server, "GET", "/services", "Authorization", "Bearer "), "Bearer");
            assertUnauthorized(send(server, "GET", "/services", "Authorization", basic("alice", "s3cret")), "Bearer");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void a_client_that_keeps_guessing_is_refused_before_its_credentials_are_checked() throws Exception {
        HttpServer server = start(AdminAuthMode.TOKEN, List.of());
        try {
            for (int i = 0; i < FailedLogins.LIMIT; i++) {
                assertUnauthorized(send(server, "GET", "/services", "Kong-Admin-Token", "guess-" + i), "Bearer");
            }
            HttpResponse<String> throttled = send(server, "GET", "/services", "Kong-Admin-Token", "tok-1");
            assertThat(throttled.statusCode()).as("even the right token waits").isEqualTo(429);
            assertThat(throttled.body()).isEqualTo("{\"message\":\"Too many failed authentication attempts\"}");
            assertThat(header(throttled, "Retry-After")).matches("[1-9][0-9]*");
            assertUnauthorized(send(server, "GET", "/services"), "Bearer");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void a_preflight_needs_no_credentials_and_cors_allows_only_admin_gui_url_origins() throws Exception {
        HttpServer noGui = start(AdminAuthMode.TOKEN, List.of());
        HttpServer gui = start(AdminAuthMode.TOKEN, List.of("http://localhost:8002"));
        try {
            HttpResponse<String> preflight = send(
                    noGui,
                    "OPTIONS",
                    "/services",
                    "Origin",
                    "http://gui.example",
                    "Access-Control-Request-Method",
                    "GET",
                    "Access-Control-Request-Headers",
                    "kong-admin-token");
            assertThat(preflight.statusCode()).isEqualTo(200);
            assertThat(header(preflight, "Access-Control-Allow-Headers")).isEqualTo("kong-admin-token");
            // with admin_auth on and no admin_gui_url, no origin is allowed (Kong's default would echo it)
            assertThat(header(preflight, "Access-Control-Allow-Origin")).isNull();
            HttpResponse<String> signedIn =
                    send(noGui, "GET", "/services", "Origin", "http://gui.example", "Kong-Admin-Token", "tok-1");
            assertThat(signedIn.statusCode()).isEqualTo(200);
            assertThat(header(signedIn, "Access-Control-Allow-Origin")).isNull();
            assertThat(header(signedIn, "Access-Control-Allow-Credentials")).isNull();

            HttpResponse<String> guiPreflight = send(
                    gui,
                    "OPTIONS",
                    "/services",
                    "Origin",
                    "http://localhost:8002",
                    "Access-Control-Request-Method",
                    "GET");
            assertThat(guiPreflight.statusCode()).isEqualTo(200);
            assertThat(header(guiPreflight, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:8002");
            HttpResponse<String> other =
                    send(gui, "GET", "/services", "Origin", "http://evil.example", "Kong-Admin-Token", "tok-1");
            assertThat(header(other, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:8002");
            // the GUI's origin can read a 401 (so it can show its login)
            HttpResponse<String> refused = send(gui, "GET", "/services", "Origin", "http://localhost:8002");
            assertUnauthorized(refused, "Bearer");
            assertThat(header(refused, "Access-Control-Allow-Origin")).isEqualTo("http://localhost:8002");
        } finally {
            noGui.stop(Duration.ofSeconds(1));
            gui.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void off_mode_asks_for_nothing() throws Exception {
        HttpServer server = start(AdminAuthMode.OFF, List.of());
        try {
            HttpResponse<String> plain = send(server, "GET", "/services", "Origin", "http://gui.example");
            assertThat(plain.statusCode()).isEqualTo(200);
            assertThat(header(plain, "WWW-Authenticate")).isNull();
            assertThat(header(plain, "Access-Control-Allow-Origin")).isEqualTo("http://gui.example");
        } finally {
            server.stop(Duration.ofSeconds(1));
        }
    }
}
