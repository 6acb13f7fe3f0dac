package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/13-error_handlers_spec.lua}: the proxy's own error pages for
 * what nginx refuses before routing (an over-large header, {@code TRACE}), in Kong's plain-text shape with the
 * request id. Both of the spec's 2 cases are ported; Kong's {@code kong/} product token is {@code tollgate/} here.
 */
class KongErrorHandlersSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/13-error_handlers_spec.lua";

    @TempDir
    static Path dir;

    private static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("error-handlers", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private static RawHttp.Response send(String method, String... headers) throws Exception {
        RawHttp.Request request = RawHttp.request(method, "127.0.0.1:" + node.proxyPort, "/");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /** {@value SPEC}: "HTTP 400". */
    @Test
    void http_400() throws Exception {
        // over the default large_client_header_buffers size (8k)
        RawHttp.Response response = send("GET", "X-Large", "a".repeat(10 * 1024));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Server")).contains("tollgate/");
        assertThat(response.body()).containsPattern("Bad request\nrequest_id: [0-9a-f]+\n");
    }

    /** {@value SPEC}: "Request For Routers With Trace Method Not Allowed". */
    @Test
    void request_for_routers_with_trace_method_not_allowed() throws Exception {
        RawHttp.Response response = send("TRACE");
        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Server")).contains("tollgate/");
        assertThat(response.body()).containsPattern("Method not allowed\nrequest_id: [0-9a-f]+\n");
    }
}
