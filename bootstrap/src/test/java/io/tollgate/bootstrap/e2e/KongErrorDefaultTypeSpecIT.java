package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/12-error_default_type_spec.lua}: the body of a proxy error
 * (Kong's 504 "The upstream server is timing out") by the request's {@code Accept} and {@code error_default_type}.
 * One node per configuration (a nested class each). Kong's upstream is a blackhole host with a 1 ms connect
 * timeout; here it is a loopback socket that accepts and never answers, behind a short read timeout: the same 504
 * and message.
 * Kong's spec helper compares bodies with surrounding whitespace stripped; so do these.
 *
 * <p>All 12 of the spec's cases are ported. Kong's "Custom error templates" read its fixture files; these write
 * their own (the same placeholders: the message, then the request id) and expect each rendered exactly.
 */
class KongErrorDefaultTypeSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/12-error_default_type_spec.lua";
    private static final String MESSAGE = "The upstream server is timing out";

    @TempDir
    static Path dir;

    private static ServerSocket silent;

    @BeforeAll
    static void upstream() throws IOException {
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!silent.isClosed()) {
                try {
                    Socket peer = silent.accept();
                    Thread.ofVirtual().start(() -> drain(peer));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    /** Reads and drops what a proxy sends, never answering, until it gives up and closes. */
    private static void drain(Socket peer) {
        try (peer;
                InputStream in = peer.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException closed) {
            // the proxy closed its end after its read timeout
        }
    }

    @AfterAll
    static void stopUpstream() throws IOException {
        if (silent != null) {
            silent.close();
        }
    }

    static String html(String requestId) {
        return "<!doctype html>\n<html>\n  <head>\n    <meta charset=\"utf-8\">\n    <title>Error</title>\n  </head>\n"
                + "  <body>\n    <h1>Error</h1>\n    <p>" + MESSAGE + ".</p>\n    <p>request_id: " + requestId
                + "</p>\n  </body>\n</html>";
    }

    /** Base of the nested classes: one node per configuration, with Kong's service and route. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OneNode {
        NodeProcess node;

        abstract String name();

        abstract Map<String, String> settings();

        @BeforeAll
        void start() throws Exception {
            node = NodeProcess.start(name(), dir, settings());
            KongSpecClient admin = new KongSpecClient(node.admin());
            JsonNode service = admin.create(
                    "/services",
                    KongSpecClient.body(
                            "name", "api-1", "url", "http://127.0.0.1:" + silent.getLocalPort(), "read_timeout", 50));
            admin.create(
                    "/routes",
                    KongSpecClient.body(
                            "methods",
                            List.of("GET", "HEAD"),
                            "service",
                            Map.of("id", service.path("id").asText())));
        }

        @AfterAll
        void stop() throws Exception {
            if (node != null) {
                node.close();
            }
        }

        RawHttp.Response send(String method, String accept) throws IOException {
            RawHttp.Request request = RawHttp.request(method, "127.0.0.1:" + node.proxyPort, "/");
            if (accept != null) {
                request.header("Accept", accept);
            }
            RawHttp.Response response = request.send(node.proxyPort);
            assertThat(response.status()).as(response.body()).isEqualTo(504);
            return response;
        }

        static String body(RawHttp.Response response) {
            return response.body().strip();
        }

        static String requestId(RawHttp.Response response) {
            return response.header("X-Kong-Request-Id");
        }
    }

    /** Kong's "set via error_default_type" ({@code text/html}). */
    @Nested
    class SetViaErrorDefaultType extends OneNode {

        @Override
        String name() {
            return "error-type-html";
        }

        @Override
        Map<String, String> settings() {
            return Map.of("error_default_type", "text/html");
        }

        /** {@value SPEC}: "set via error_default_type no Accept header uses error_default_type". */
        @Test
        void no_accept_header_uses_error_default_type() throws IOException {
            RawHttp.Response response = send("GET", null);
            assertThat(body(response)).isEqualTo(html(requestId(response)));
        }

        /** {@value SPEC}: "set via error_default_type HEAD request does not return a body". */
        @Test
        void head_request_does_not_return_a_body() throws IOException {
            assertThat(send("HEAD", null).body()).isEmpty();
        }
    }

    /** Kong's "not set explicitly". */
    @Nested
    class NotSetExplicitly extends OneNode {

        @Override
        String name() {
            return "error-type-default";
        }

        @Override
        Map<String, String> settings() {
            return Map.of();
        }

        /** {@value SPEC}: "not set explicitly default error_default_type = text/plain". */
        @Test
        void default_error_default_type_is_text_plain() throws IOException {
            RawHttp.Response response = send("GET", null);
            assertThat(body(response)).isEqualTo(MESSAGE + "\nrequest_id: " + requestId(response));
        }

        /** {@value SPEC}: "not set explicitly Accept header modified Content-Type text/html". */
        @Test
        void accept_text_html() throws IOException {
            RawHttp.Response response = send("GET", "text/html");
            assertThat(body(response)).isEqualTo(html(requestId(response)));
        }

        /** {@value SPEC}: "not set explicitly Accept header modified Content-Type application/json". */
        @Test
        void accept_application_json() throws IOException {
            RawHttp.Response response = send("GET", "application/json");
            assertThat(response.json().path("message").asText()).isEqualTo(MESSAGE);
        }

        /** {@value SPEC}: "not set explicitly Accept header modified Content-Type application/xml". */
        @Test
        void accept_application_xml() throws IOException {
            RawHttp.Response response = send("GET", "application/xml");
            assertThat(body(response))
                    .isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<error>\n  <message>" + MESSAGE
                            + "</message>\n  <requestid>" + requestId(response) + "</requestid>\n</error>");
        }
    }

    /** Kong's "Custom error templates": one template file per type. */
    @Nested
    class CustomErrorTemplates extends OneNode {

        static final String HTML =
                "<!doctype html>\n<html><body><h1>Custom</h1>\n<p>%s</p>\n<p>id %s</p></body></html>\n";
        static final String PLAIN = "custom error: %s (request %s), 100%% custom";
        static final String JSON = "{\"custom_template_message\":\"%s\",\"custom_request_id\":\"%s\"}";
        static final String XML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<custom><m>%s</m><r>%s</r></custom>";

        @Override
        String name() {
            return "error-templates";
        }

        @Override
        Map<String, String> settings() {
            try {
                return Map.of(
                        "error_template_html",
                                Files.writeString(dir.resolve("error_template.html"), HTML)
                                        .toString(),
                        "error_template_plain",
                                Files.writeString(dir.resolve("error_template.plain"), PLAIN)
                                        .toString(),
                        "error_template_json",
                                Files.writeString(dir.resolve("error_template.json"), JSON)
                                        .toString(),
                        "error_template_xml",
                                Files.writeString(dir.resolve("error_template.xml"), XML)
                                        .toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Lua's {@code string.format(template, message, request_id)} for these templates. */
        static String format(String template, RawHttp.Response response) {
            return template.replaceFirst("%s", MESSAGE)
                    .replaceFirst("%s", requestId(response))
                    .replace("%%", "%");
        }

        /** {@value SPEC}: "Custom error templates Accept header modified Content-Type text/html". */
        @Test
        void custom_text_html() throws IOException {
            RawHttp.Response response = send("GET", "text/html");
            assertThat(response.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
            assertThat(response.body()).isEqualTo(format(HTML, response));
        }

        /** {@value SPEC}: "Custom error templates Accept header modified Content-Type text/plain". */
        @Test
        void custom_text_plain() throws IOException {
            RawHttp.Response response = send("GET", "text/plain");
            assertThat(response.body()).isEqualTo(format(PLAIN, response));
        }

        /** {@value SPEC}: "Custom error templates Accept header modified Content-Type application/json". */
        @Test
        void custom_application_json() throws IOException {
            RawHttp.Response response = send("GET", "application/json");
            assertThat(response.json().path("custom_template_message").asText()).isEqualTo(MESSAGE);
            assertThat(response.json().path("custom_request_id").asText()).isEqualTo(requestId(response));
        }

        /** {@value SPEC}: "Custom error templates Accept header modified Content-Type application/xml". */
        @Test
        void custom_application_xml() throws IOException {
            RawHttp.Response response = send("GET", "application/xml");
            assertThat(response.body()).isEqualTo(format(XML, response));
        }

        /** {@value SPEC}: "Custom error templates … with q-values defaults to 1 when q-value is not specified". */
        @Test
        void q_value_defaults_to_1_when_not_specified() throws IOException {
            RawHttp.Response response = send("GET", "application/json;q=0.9,text/html,text/plain;q=0.9");
            assertThat(response.body()).isEqualTo(format(HTML, response));
        }

        /**
         * Not in Kong's spec: a plugin's error ({@code kong.response.error}, here key-auth's 401) is rendered with
         * the custom template of the type {@code Accept} chose, as Kong's shared template lookup does.
         */
        @Test
        void a_plugin_error_uses_the_custom_template() throws Exception {
            KongSpecClient admin = new KongSpecClient(node.admin());
            JsonNode route = admin.create(
                    "/routes", KongSpecClient.body("paths", List.of("/keyed"), "service", Map.of("name", "api-1")));
            admin.create(
                    "/plugins",
                    KongSpecClient.body(
                            "name",
                            "key-auth",
                            "route",
                            Map.of("id", route.path("id").asText())));
            RawHttp.Response response = RawHttp.request("GET", "127.0.0.1:" + node.proxyPort, "/keyed")
                    .header("Accept", "text/plain")
                    .send(node.proxyPort);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.body())
                    .isEqualTo(PLAIN.replaceFirst("%s", "No API key found in request")
                            .replaceFirst("%s", requestId(response))
                            .replace("%%", "%"));
        }

        /** {@value SPEC}: "Custom error templates … with q-values picks highest q-value (json)". */
        @Test
        void picks_highest_q_value_json() throws IOException {
            RawHttp.Response response = send("GET", "text/plain;q=0.7,application/json;q=0.8,text/html;q=0.5");
            assertThat(response.json().path("custom_template_message").asText()).isEqualTo(MESSAGE);
        }
    }
}
