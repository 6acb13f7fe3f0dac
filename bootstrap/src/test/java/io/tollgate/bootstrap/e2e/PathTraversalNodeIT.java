package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code proxy_refuse_path_traversal = on} on a real node: a path whose decoded form climbs out of the prefix its route
 * matched ({@code /public/%2E%2E%2Fprivate}, which an upstream decoding {@code %2F} serves as {@code /private}) gets
 * Kong's 400 {@code Bad request} and never reaches the upstream; encoded slashes that stay under the prefix pass.
 */
class PathTraversalNodeIT {

    @TempDir
    static Path dir;

    static EchoUpstream upstream;
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        upstream = new EchoUpstream();
        node = NodeProcess.start("traversal", dir, Map.of("proxy_refuse_path_traversal", "on"));
        RateLimitingNodeIT.created(
                Http.post(node.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}"));
        RateLimitingNodeIT.created(
                Http.post(node.admin() + "/services/echo/routes", "{\"name\":\"public\",\"paths\":[\"/public\"]}"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    static RawHttp.Response get(String target) throws Exception {
        return request("GET", "localhost", target).send(node.proxyPort);
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
}
