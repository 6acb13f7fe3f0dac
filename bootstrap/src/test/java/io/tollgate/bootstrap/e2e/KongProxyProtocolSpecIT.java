package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports the six PROXY protocol cases of Kong 3.x's {@code spec/02-integration/05-proxy/03-upstream_headers_spec.lua}
 * (its other cases are {@link KongUpstreamHeadersSpecIT}'s): a node whose proxy listener has the
 * {@code proxy_protocol} flag and {@code real_ip_header = proxy_protocol}, {@code real_ip_recursive = on}, once with
 * the loopback peer in {@code trusted_ips} and once without; each case sends a {@code PROXY TCP4} line before its
 * request on a raw socket and checks the {@code X-Real-IP}, {@code X-Forwarded-For} and {@code X-Forwarded-Port} the
 * upstream ({@link EchoUpstream}) received. One node per configuration (a nested class each, one at a time). Kong's
 * non-trusted block listens on {@code 0.0.0.0}; here both listen on loopback, which the cases connect to anyway.
 */
class KongProxyProtocolSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/03-upstream_headers_spec.lua";
    private static final String FORWARDED = "10.0.0.1, 127.0.0.2, 10.0.0.1, 192.168.0.1, 172.16.0.1";
    private static final String FORWARDED_WITH_PORTS =
            "127.0.0.1:14, 10.0.0.1:15, 192.168.0.1:16, 127.0.0.1:17, 172.16.0.1:18";

    @TempDir
    static Path dir;

    private static EchoUpstream echo;

    @BeforeAll
    static void upstream() throws IOException {
        echo = new EchoUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        if (echo != null) {
            echo.close();
        }
    }

    /** Base of the nested classes: one node with a {@code proxy_protocol} proxy listener and Kong's inspect route. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class ProxyProtocolNode {
        NodeProcess node;

        abstract String name();

        abstract String trustedIps();

        @BeforeAll
        void start() throws Exception {
            node = NodeProcess.start(
                    name(),
                    dir,
                    Map.of(
                            "proxy_listen",
                            "127.0.0.1:" + NodeProcess.PROXY_PORT + " proxy_protocol",
                            "real_ip_header",
                            "proxy_protocol",
                            "real_ip_recursive",
                            "on",
                            "trusted_ips",
                            trustedIps()));
            Http.Response service =
                    Http.post(node.admin() + "/services", "{\"name\":\"inspect\",\"url\":\"" + echo.url() + "\"}");
            assertThat(service.status()).as(service.body()).isEqualTo(201);
            Http.Response route = Http.post(
                    node.admin() + "/services/inspect/routes",
                    "{\"protocols\":[\"http\"],\"hosts\":[\"headers-inspect.com\"]}");
            assertThat(route.status()).as(route.body()).isEqualTo(201);
        }

        @AfterAll
        void stop() throws Exception {
            if (node != null) {
                node.close();
            }
        }

        /**
         * Sends Kong's {@code PROXY TCP4 192.168.0.1 127.0.0.1 56324 <proxy port>} line, then {@code GET /} for
         * {@code headers-inspect.com} with {@code headerLines} ({@code Name: value} each), on a raw socket; expects
         * 200 and returns the headers the upstream received.
         */
        JsonNode upstreamHeaders(String... headerLines) throws IOException {
            StringBuilder request = new StringBuilder("PROXY TCP4 192.168.0.1 127.0.0.1 56324 " + node.proxyPort
                    + "\r\nGET / HTTP/1.1\r\nHost: headers-inspect.com\r\nConnection: close\r\n");
            for (String line : headerLines) {
                request.append(line).append("\r\n");
            }
            request.append("\r\n");
            try (Socket socket = new Socket("127.0.0.1", node.proxyPort)) {
                socket.setSoTimeout(10_000);
                OutputStream out = socket.getOutputStream();
                out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
                RawHttp.Response response =
                        RawHttp.parse(socket.getInputStream().readAllBytes());
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                return response.json().path("headers");
            }
        }

        String proxyPort() {
            return String.valueOf(node.proxyPort);
        }
    }

    /** Kong's "(using trusted proxy protocol configuration values)": the loopback peer is trusted. */
    @Nested
    class TrustedProxyProtocol extends ProxyProtocolNode {

        @Override
        String name() {
            return "pp-trusted";
        }

        @Override
        String trustedIps() {
            return "127.0.0.1,172.16.0.1,192.168.0.1";
        }

        /**
         * {@value SPEC}: "trusted proxy protocol ... X-Real-IP, X-Forwarded-For and X-Forwarded-Port should be added if
         * not present in request".
         */
        @Test
        void should_be_added_if_not_present_in_request() throws IOException {
            JsonNode headers = upstreamHeaders();

            assertThat(headers.path("x-real-ip").asText()).isEqualTo("192.168.0.1");
            assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("192.168.0.1");
            assertThat(headers.path("x-forwarded-port").asText()).isEqualTo(proxyPort());
        }

        /**
         * {@value SPEC}: "trusted proxy protocol ... X-Real-IP, X-Forwarded-For and X-Forwarded-Port should be changed
         * according to rules if present in request".
         */
        @Test
        void should_be_changed_according_to_rules_if_present_in_request() throws IOException {
            JsonNode headers = upstreamHeaders("X-Real-IP: 10.0.0.2", "X-Forwarded-For: " + FORWARDED);

            assertThat(headers.path("x-real-ip").asText()).isEqualTo("192.168.0.1");
            assertThat(headers.path("x-forwarded-for").asText()).isEqualTo(FORWARDED + ", 127.0.0.1");
        }

        /**
         * {@value SPEC}: "trusted proxy protocol ... X-Forwarded-Port should be forwarded even if proxy protocol and
         * X-Forwarded-For header has a port in it".
         */
        @Test
        void should_be_forwarded_even_if_proxy_protocol_and_x_forwarded_for_header_has_a_port_in_it()
                throws IOException {
            JsonNode headers = upstreamHeaders(
                    "X-Real-IP: 10.0.0.2", "X-Forwarded-For: " + FORWARDED_WITH_PORTS, "X-Forwarded-Port: 14");

            assertThat(headers.path("x-real-ip").asText()).isEqualTo("192.168.0.1");
            assertThat(headers.path("x-forwarded-for").asText()).isEqualTo(FORWARDED_WITH_PORTS + ", 127.0.0.1");
            assertThat(headers.path("x-forwarded-port").asText()).isEqualTo("14");
        }
    }

    /** Kong's "(using non-trusted proxy protocol configuration values)": the loopback peer is not trusted. */
    @Nested
    class NonTrustedProxyProtocol extends ProxyProtocolNode {

        @Override
        String name() {
            return "pp-non-trusted";
        }

        @Override
        String trustedIps() {
            return "10.0.0.1,172.16.0.1,192.168.0.1";
        }

        /**
         * {@value SPEC}: "non-trusted proxy protocol ... X-Real-IP, X-Forwarded-For and X-Forwarded-Port should be
         * added if not present in request".
         */
        @Test
        void should_be_added_if_not_present_in_request() throws IOException {
            JsonNode headers = upstreamHeaders();

            assertThat(headers.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
            assertThat(headers.path("x-forwarded-for").asText()).isEqualTo("127.0.0.1");
            assertThat(headers.path("x-forwarded-port").asText()).isEqualTo(proxyPort());
        }

        /**
         * {@value SPEC}: "non-trusted proxy protocol ... X-Real-IP, X-Forwarded-For and X-Forwarded-Port should be
         * changed according to rules if present in request".
         */
        @Test
        void should_be_changed_according_to_rules_if_present_in_request() throws IOException {
            JsonNode headers = upstreamHeaders("X-Real-IP: 10.0.0.2", "X-Forwarded-For: " + FORWARDED);

            assertThat(headers.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
            assertThat(headers.path("x-forwarded-for").asText()).isEqualTo(FORWARDED + ", 127.0.0.1");
        }

        /**
         * {@value SPEC}: "non-trusted proxy protocol ... X-Forwarded-Port should be replaced even if proxy protocol,
         * X-Forwarded-Port and X-Forwarded-For headers have a port in it".
         */
        @Test
        void should_be_replaced_even_if_proxy_protocol_x_forwarded_port_and_x_forwarded_for_headers_have_a_port_in_it()
                throws IOException {
            JsonNode headers = upstreamHeaders(
                    "X-Real-IP: 10.0.0.2", "X-Forwarded-For: " + FORWARDED_WITH_PORTS, "X-Forwarded-Port: 14");

            assertThat(headers.path("x-real-ip").asText()).isEqualTo("127.0.0.1");
            assertThat(headers.path("x-forwarded-for").asText()).isEqualTo(FORWARDED_WITH_PORTS + ", 127.0.0.1");
            assertThat(headers.path("x-forwarded-port").asText()).isEqualTo(proxyPort());
        }
    }
}
