package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/10-balancer/05-recreate-request_spec.lua}: when a balancer
 * retry moves a request to another target, the request sent there carries that target's {@code Host}, unless the
 * route preserves the client's. Both of the spec's 2 cases are ported.
 *
 * <p>Kong's two targets are one name (a DNS mock, {@code upstream.example.com}) on two ports: one that holds the
 * request past the service's 500 ms {@code read_timeout}, one that answers {@code host is: <Host>}. Here the name is
 * {@code localhost} (the case is about the retried request's head, not about DNS), the first port a
 * {@link SlowUpstream}, the second a loopback server answering as Kong's fixture does.
 */
class KongRecreateRequestSpecIT {

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static KongSpecClient admin;
    private static SlowUpstream slow;
    private static HttpServer echo;

    @BeforeAll
    static void start() throws Exception {
        slow = new SlowUpstream();
        echo = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        echo.createContext("/", exchange -> {
            byte[] body = ("host is: " + exchange.getRequestHeaders().getFirst("Host") + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        echo.start();
        node = NodeProcess.start("recreate-request", dir, Map.of());
        admin = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (node != null) {
            node.close();
        }
        slow.close();
        echo.stop(0);
    }

    /**
     * An upstream named {@code name} with the holding target first and the answering one second, both as
     * {@code localhost:<port>}, and a service on it with a 500 ms {@code read_timeout}; returns the service's name.
     */
    private static String balancedService(String name) throws Exception {
        admin.create("/upstreams", KongSpecClient.body("name", name));
        int slowPort = URI.create(slow.url()).getPort();
        admin.create("/upstreams/" + name + "/targets", KongSpecClient.body("target", "localhost:" + slowPort));
        admin.create(
                "/upstreams/" + name + "/targets",
                KongSpecClient.body("target", "localhost:" + echo.getAddress().getPort()));
        admin.create("/services", KongSpecClient.body("name", name, "url", "http://" + name, "read_timeout", 500));
        return name;
    }

    /** 05-recreate-request_spec: "balancer retry updates Host header in request buffer". */
    @Test
    void balancer_retry_updates_host_header_in_request_buffer() throws Exception {
        String service = balancedService("recreate-upstream-1");
        admin.create(
                "/routes",
                KongSpecClient.body("hosts", List.of("recreate-1.test"), "service", Map.of("name", service)));
        AtomicReference<RawHttp.Response> last = new AtomicReference<>();
        RawHttp.await(
                () -> {
                    RawHttp.Response response = RawHttp.request("GET", "recreate-1.test", "/recreate_test")
                            .send(node.proxyPort);
                    last.set(response);
                    return response.status() == 200;
                },
                Duration.ofSeconds(10));
        assertThat(last.get().body())
                .isEqualTo("host is: localhost:" + echo.getAddress().getPort() + "\n");
    }

    /** 05-recreate-request_spec: "balancer retry doesn't update Host if preserve_host is true". */
    @Test
    void balancer_retry_does_not_update_host_if_preserve_host_is_true() throws Exception {
        String service = balancedService("recreate-upstream-2");
        admin.create(
                "/routes",
                KongSpecClient.body(
                        "hosts", List.of("recreate-2.test"),
                        "preserve_host", true,
                        "service", Map.of("name", service)));
        RawHttp.Response response =
                RawHttp.request("GET", "recreate-2.test", "/recreate_test").send(node.proxyPort);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("host is: recreate-2.test\n");
    }
}
