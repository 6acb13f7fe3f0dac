package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A real node's edge options. Access logs (Kong's defaults {@code logs/access.log} and {@code logs/admin_access.log}
 * under the prefix): one line per request in nginx's combined format with Kong's request id.
 * {@code proxy_refuse_path_traversal = on}: a path whose decoded form climbs out of the prefix its route
 * matched ({@code /public/%2E%2E%2Fprivate}, which an upstream decoding {@code %2F} serves as {@code /private}) gets
 * Kong's 400 {@code Bad request} and never reaches the upstream; encoded slashes that stay under the prefix pass.
 */
class EdgeOptionsNodeIT {

    @RegisterExtension
    static final EchoNode node = EchoNode.withEchoService("traversal", Map.of("proxy_refuse_path_traversal", "on"));

    @BeforeAll
    static void start() throws Exception {
        RateLimitingNodeIT.created(
                Http.post(node.admin() + "/services/echo/routes", "{\"name\":\"public\",\"paths\":[\"/public\"]}"));
    }

    static RawHttp.Response get(String target) throws Exception {
        return request("GET", "localhost", target).send(node.proxyPort());
    }

    @Test
    void an_encoded_climb_out_of_the_route_prefix_is_refused_with_400() throws Exception {
        for (String target :
                new String[] {"/public/%2E%2E%2Fprivate", "/public/..%2fprivate", "/public/..%5Cprivate"}) {
            RawHttp.Response refused = get(target);
            assertThat(refused.status()).as(target).isEqualTo(400);
            assertThat(refused.body()).as(target).contains("Bad request");
        }
        RawHttp.Response inside = get("/public/a%2Fb");
        assertThat(inside.status()).isEqualTo(200);
        assertThat(inside.body()).as("strip_path").contains("\"path\":\"/a%2Fb\"");
        assertThat(Http.get(node.admin() + "/")
                        .json()
                        .path("configuration")
                        .path("proxy_refuse_path_traversal")
                        .asText())
                .isEqualTo("on");
    }

    @Test
    void each_request_gets_a_combined_access_log_line_with_kongs_request_id() throws Exception {
        RawHttp.Response response = request("GET", "localhost", "/public/logged?x=1")
                .header("User-Agent", "access-test/1.0")
                .header("Referer", "http://ref.test/")
                .send(node.proxyPort());
        assertThat(response.status()).isEqualTo(200);
        String requestId = response.header("X-Kong-Request-Id");
        Path proxyLog = node.prefix().resolve("logs/access.log");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> java.nio.file.Files.exists(proxyLog)
                        && java.nio.file.Files.readString(proxyLog).contains(requestId));
        String line = java.nio.file.Files.readAllLines(proxyLog).stream()
                .filter(l -> l.contains(requestId))
                .findFirst()
                .orElseThrow();
        assertThat(line)
                .matches("127\\.0\\.0\\.1 - - \\[[^\\]]+\\] \"GET /public/logged\\?x=1 HTTP/1\\.1\" 200 \\d+"
                        + " \"http://ref\\.test/\" \"access-test/1\\.0\" kong_request_id: \"" + requestId + "\"");
        assertThat(Http.get(node.admin() + "/status").status()).isEqualTo(200);
        Path adminLog = node.prefix().resolve("logs/admin_access.log");
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> java.nio.file.Files.exists(adminLog)
                        && java.nio.file.Files.readString(adminLog).contains("\"GET /status HTTP/1.1\" 200"));
    }
}
