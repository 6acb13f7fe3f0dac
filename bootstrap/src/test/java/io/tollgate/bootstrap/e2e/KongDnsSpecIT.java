package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong 3.x's {@code spec/02-integration/05-proxy/05-dns_spec.lua}: a service's {@code retries} against an
 * upstream that closes every connection, and a service host that does not resolve.
 *
 * <p>Of the spec's 3 cases, 2 are ported. No counterpart: "udp sockets release" (it reads Kong's DNS mock log line and
 * counts UDP sockets on port 53 with {@code netstat}).
 */
class KongDnsSpecIT {

    private static final String SPEC = "spec/02-integration/05-proxy/05-dns_spec.lua";

    @TempDir
    static Path dir;

    private static NodeProcess node;
    private static KongSpecClient admin;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("dns", dir, Map.of());
        admin = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** A route for a unique host to a new service of these fields; returns the host. */
    private static String routeTo(Map<String, Object> service) {
        String id = admin.create("/services", service).get("id").asText();
        String host = unique("retries") + ".com";
        admin.create("/routes", body("hosts", List.of(host), "service", Map.of("id", id)));
        return host;
    }

    /** {@value #SPEC}: "DNS retries validates the number of retries". */
    @Test
    void validates_the_number_of_retries() throws Exception {
        int retries = 3;
        AtomicInteger tries = new AtomicInteger();
        try (ServerSocket bad = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!bad.isClosed()) {
                    try (Socket client = bad.accept()) {
                        tries.incrementAndGet(); // counted before the close the proxy sees
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String host = routeTo(body(
                    "name",
                    unique("tests-retries"),
                    "host",
                    "127.0.0.1",
                    "port",
                    bad.getLocalPort(),
                    "retries",
                    retries));

            RawHttp.Response res = RawHttp.request("GET", host, "/").send(node.proxyPort);

            assertThat(res.status()).as(res.body()).isEqualTo(502);
            assertThat(tries.get() - 1).as("the first try is not a retry").isEqualTo(retries);
        }
    }

    /**
     * {@value #SPEC}: "DNS upstream resolve failure fails with 503". Kong's spec checks the status only; the message
     * is the one Kong 3.x's balancer gives a name that does not resolve.
     */
    @Test
    void upstream_resolve_failure_fails_with_503() throws Exception {
        String host = routeTo(body(
                "name", unique("tests-retries"),
                "host", "nowthisdoesnotexistatall",
                "path", "/exist",
                "port", 80,
                "protocol", "http"));

        RawHttp.Response res = RawHttp.request("GET", host, "/").send(node.proxyPort);

        assertThat(res.status()).as(res.body()).isEqualTo(503);
        assertThat(res.body()).contains("name resolution failed");
    }
}
