package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
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
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/15-upstream-status-header_spec.lua}: {@code X-Kong-Upstream-Status}
 * carries the upstream's status when {@code headers} names it, is absent by default, and is absent from an answer
 * no upstream gave (a plugin's 401). One node per {@code headers} value (a nested class each), on Kong's routes.
 *
 * <p>Of the spec's 6 cases, 4 are ported (Kong's "is injected with configuration" and "short-circuited requests"
 * describe the same configuration, so they share a node). Left out as no counterpart: "when a plugin changes status
 * code" (Kong's {@code dummy} test plugin) and the buffered run of "is injected with configuration" (Kong's
 * {@code response-phase} test plugin).
 */
class KongUpstreamStatusHeaderSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/15-upstream-status-header_spec.lua";
    private static final String HEADER = "X-Kong-Upstream-Status";

    @TempDir
    static Path dir;

    private static KongMockUpstream mock;

    @BeforeAll
    static void upstream() throws IOException {
        mock = new KongMockUpstream();
    }

    @AfterAll
    static void stopUpstream() {
        if (mock != null) {
            mock.close();
        }
    }

    /** Base of the nested classes: one node per {@code headers} value, with Kong's service and routes. */
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    abstract static class OneNode {
        NodeProcess node;

        abstract String name();

        abstract Map<String, String> settings();

        @BeforeAll
        void start() throws Exception {
            node = NodeProcess.start(name(), dir, settings());
            KongSpecClient admin = new KongSpecClient(node.admin());
            admin.create("/services", KongSpecClient.body("name", "mock", "url", mock.url()));
            admin.create(
                    "/routes",
                    KongSpecClient.body(
                            "protocols", List.of("http"), "paths", List.of("/status/200"), "service", mock()));
            String keyed = admin.create(
                            "/routes",
                            KongSpecClient.body(
                                    "protocols",
                                    List.of("http"),
                                    "paths",
                                    List.of("/status/non-proxied-request"),
                                    "service",
                                    mock()))
                    .path("id")
                    .asText();
            admin.create("/plugins", KongSpecClient.body("name", "key-auth", "route", Map.of("id", keyed)));
        }

        private static Map<String, String> mock() {
            return Map.of("name", "mock");
        }

        @AfterAll
        void stop() throws Exception {
            if (node != null) {
                node.close();
            }
        }

        RawHttp.Response get(String path) throws IOException {
            return RawHttp.request("GET", "127.0.0.1", path).send(node.proxyPort);
        }
    }

    /** Kong's "should be same as upstream status code" ({@code headers = server_tokens,latency_tokens,…}). */
    @Nested
    class SameAsUpstreamStatus extends OneNode {

        @Override
        String name() {
            return "upstream-status-tokens";
        }

        @Override
        Map<String, String> settings() {
            return Map.of("headers", "server_tokens,latency_tokens,x-kong-upstream-status");
        }

        /** {@value SPEC}: "should be same as upstream status code when no plugin changes status code". */
        @Test
        void when_no_plugin_changes_status_code() throws IOException {
            RawHttp.Response response = get("/status/200");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header(HEADER)).isEqualTo("200");
        }
    }

    /** Kong's "is not injected with default configuration". */
    @Nested
    class DefaultConfiguration extends OneNode {

        @Override
        String name() {
            return "upstream-status-default";
        }

        @Override
        Map<String, String> settings() {
            return Map.of();
        }

        /** {@value SPEC}: "is not injected with default configuration". */
        @Test
        void is_not_injected_with_default_configuration() throws IOException {
            RawHttp.Response response = get("/status/200");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header(HEADER)).isNull();
        }
    }

    /** Kong's "is injected with configuration [headers=X-Kong-Upstream-Status]" and "short-circuited requests". */
    @Nested
    class OnlyUpstreamStatus extends OneNode {

        @Override
        String name() {
            return "upstream-status-only";
        }

        @Override
        Map<String, String> settings() {
            return Map.of("headers", "X-Kong-Upstream-Status");
        }

        /** {@value SPEC}: "is injected with configuration [headers=X-Kong-Upstream-Status]" (unbuffered). */
        @Test
        void is_injected_with_configuration() throws IOException {
            RawHttp.Response response = get("/status/200");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header(HEADER)).isEqualTo("200");
            assertThat(response.header("Server")).isEqualTo("mock_upstream");
            assertThat(response.header("X-Kong-Proxy-Latency")).isNull();
        }

        /** {@value SPEC}: "short-circuited requests empty when rejected by authentication plugin". */
        @Test
        void empty_when_rejected_by_authentication_plugin() throws IOException {
            RawHttp.Response response = get("/status/non-proxied-request");
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header(HEADER)).isNull();
        }
    }
}
