package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/08-uri_encoding_spec.lua}: the proxy forwards the request's
 * path and query string as received, neither decoding nor re-encoding them. All of the spec's 5 cases are ported,
 * against {@link KongMockUpstream} behind Kong's four routes (each with its own service on the mock, as Kong's
 * blueprint gives a route without a service).
 */
class KongUriEncodingSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/08-uri_encoding_spec.lua";

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static KongMockUpstream mock;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("uri-encoding", dir, Map.of());
        KongSpecClient admin = new KongSpecClient(node.admin());
        route(admin, "hosts", List.of("mock_upstream"));
        route(admin, "hosts", List.of("mock_upstream"));
        route(admin, "protocols", List.of("http"), "paths", List.of("/request"), "strip_path", false);
        route(admin, "protocols", List.of("http"), "paths", List.of("/stripped-path"), "strip_path", true);
    }

    private static void route(KongSpecClient admin, Object... fields) {
        JsonNode service = admin.create("/services", KongSpecClient.body("url", mock.url()));
        Map<String, Object> body = KongSpecClient.body(fields);
        body.put("service", Map.of("id", service.path("id").asText()));
        admin.create("/routes", body);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private static JsonNode get(String host, String target) throws Exception {
        RawHttp.Response response = RawHttp.request("GET", host, target).send(node.proxyPort);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode get(String target) throws Exception {
        return get("127.0.0.1:" + node.proxyPort, target);
    }

    /** {@value SPEC}: "issue #1975 does not double percent-encode proxied args". */
    @Test
    void issue_1975_does_not_double_percent_encode_proxied_args() throws Exception {
        JsonNode json = get(
                "mock_upstream",
                "/get?limit=25&where=%7B%22or%22:%5B%7B%22name%22:%7B%22like%22:%22%25bac%25%22%7D%7D%5D%7D");
        assertThat(json.path("uri_args").path("limit").asText()).isEqualTo("25");
        assertThat(json.path("uri_args").path("where").asText())
                .isEqualTo("{\"or\":[{\"name\":{\"like\":\"%bac%\"}}]}");
    }

    /** {@value SPEC}: "issue #1480 does not percent-encode args unecessarily". */
    @Test
    void issue_1480_does_not_percent_encode_args_unecessarily() throws Exception {
        assertThat(get("mock_upstream", "/request?param=1.2.3").path("url").asText())
                .isEqualTo(mock.url() + "/request?param=1.2.3");
    }

    /** {@value SPEC}: "issue #749 does not decode percent-encoded args". */
    @Test
    void issue_749_does_not_decode_percent_encoded_args() throws Exception {
        assertThat(get("mock_upstream", "/request?param=abc%7Cdef").path("url").asText())
                .isEqualTo(mock.url() + "/request?param=abc%7Cdef");
    }

    /** {@value SPEC}: "issue #688 does not percent-decode proxied URLs". */
    @Test
    void issue_688_does_not_percent_decode_proxied_urls() throws Exception {
        assertThat(get("mock_upstream", "/request/foo%2Fbar").path("url").asText())
                .isEqualTo(mock.url() + "/request/foo%2Fbar");
    }

    /** {@value SPEC}: "issue #2512 does not double percent-encode upstream URLs". */
    @Test
    void issue_2512_does_not_double_percent_encode_upstream_urls() throws Exception {
        // with hosts matching
        assertThat(get("mock_upstream", "/request/auth%7C123").path("url").asText())
                .contains("/request/auth%7C123");
        // with paths matching
        assertThat(get("/request/auth%7C123").path("url").asText()).contains("/request/auth%7C123");
        // with paths matching and strip_path
        assertThat(get("/stripped-path/request/auth%7C123").path("url").asText())
                .contains("/request/auth%7C123");
    }
}
