package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/05-proxy/10-balancer/07-latency_spec.lua} (3 cases: "balances by latency"
 * and the two "add and remove targets") against one real node. Kong's first case sends 100 requests in three
 * concurrent waves (6, 8, then 86; each wave done before the next) to a {@code latency} upstream whose targets answer
 * after 100 ms and after 1 s, and expects the fast target to serve more than ten times as many.
 */
class KongBalancerLatencySpecIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient admin;

    @BeforeAll
    static void start() throws Exception {
        node = NodeProcess.start("kong-latency", dir, Map.of());
        admin = new KongSpecClient(node.admin());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    /** A loopback upstream answering every request 200 after a fixed delay (Kong's test server's delay), counting. */
    private static final class DelayedUpstream implements AutoCloseable {
        final AtomicInteger ok = new AtomicInteger();
        private final HttpServer server;
        private final ExecutorService workers = Executors.newFixedThreadPool(100);

        DelayedUpstream(long delayMs) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            server.createContext("/", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    try {
                        Thread.sleep(delayMs); // the fixture's answer delay, not a wait in the test
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ok.incrementAndGet();
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.setExecutor(workers);
            server.start();
        }

        String target() {
            return "127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
            workers.shutdownNow();
        }
    }

    private static String upstream(String name) {
        return admin.create("/upstreams", body("name", name, "algorithm", "latency"))
                .get("id")
                .asText();
    }

    /** Whether {@code GET /upstreams/{id}/targets/all} lists this target with this weight. */
    private static boolean listed(String upstreamId, String target, int weight) {
        JsonNode all = ok(admin.get("/upstreams/" + upstreamId + "/targets/all"), 200);
        for (JsonNode entry : all.get("data")) {
            if (entry.get("target").asText().equals(target)
                    && entry.get("weight").asInt() == weight) {
                return true;
            }
        }
        return false;
    }

    /**
     * Sends {@code count} requests at once (each on its own connection, {@code Connection: close}) and waits for all
     * of them, each answered 200.
     */
    private static void wave(ExecutorService clients, String host, int count) throws Exception {
        List<Future<RawHttp.Response>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(clients.submit(() -> RawHttp.request("GET", host, "/ewma").send(node.proxyPort)));
        }
        for (Future<RawHttp.Response> response : sent) {
            assertThat(response.get().status()).isEqualTo(200);
        }
    }

    /** 07-latency_spec: "Balancer: latency balances by latency". */
    @Test
    void balances_by_latency() throws Exception {
        String name = unique("ewmaupstream");
        String host = name + ".test";
        String id = upstream(name);
        ExecutorService clients = Executors.newFixedThreadPool(100);
        try (DelayedUpstream fast = new DelayedUpstream(100);
                DelayedUpstream slow = new DelayedUpstream(1000)) {
            admin.create("/upstreams/" + id + "/targets", body("target", fast.target(), "weight", 100));
            admin.create("/upstreams/" + id + "/targets", body("target", slow.target(), "weight", 100));
            String service = admin.create(
                            "/services", body("name", unique("ewma-svc"), "protocol", "http", "host", name))
                    .get("id")
                    .asText();
            admin.create(
                    "/routes",
                    body("hosts", List.of(host), "protocols", List.of("http"), "service", Map.of("id", service)));

            wave(clients, host, 6);
            wave(clients, host, 8);
            wave(clients, host, 86);

            assertThat(fast.ok.get() + slow.ok.get()).isEqualTo(100);
            assertThat(fast.ok.get())
                    .as("fast %d / slow %d", fast.ok.get(), slow.ok.get())
                    .isGreaterThan(10 * slow.ok.get());
        } finally {
            clients.shutdownNow();
        }
    }

    /**
     * 07-latency_spec: "Balancer: latency add and remove targets" (weight 0 by PATCH answers 200 with the updated
     * target).
     */
    @Test
    void add_and_remove_targets() {
        String id = upstream(unique("ewmaupstream"));
        String target = "127.0.0.1:10003";

        Http.Response created = admin.send(
                "POST",
                "/upstreams/" + id + "/targets",
                KongSpecClient.ContentType.JSON,
                body("target", target, "weight", 100));
        assertThat(created.status()).isEqualTo(201);
        assertThat(listed(id, target, 100)).isTrue();

        Http.Response patched = admin.send(
                "PATCH", "/upstreams/" + id + "/targets/" + target, KongSpecClient.ContentType.JSON, body("weight", 0));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        JsonNode json = patched.json();
        assertThat(json.get("id").isTextual()).isTrue();
        assertThat(json.get("target").asText()).isEqualTo(target);
        assertThat(json.get("weight").asInt()).isZero();
        assertThat(listed(id, target, 0)).isTrue();
    }

    /**
     * 07-latency_spec: "Balancer: add and remove a single target to a latency upstream add and remove targets"
     * (DELETE answers 204, then no weight-0 entry is listed).
     */
    @Test
    void add_and_remove_a_single_target() {
        String id = upstream(unique("anupstream"));
        String target = "127.0.0.1:10001";

        Http.Response created = admin.send(
                "POST",
                "/upstreams/" + id + "/targets",
                KongSpecClient.ContentType.JSON,
                body("target", target, "weight", 100));
        assertThat(created.status()).isEqualTo(201);
        assertThat(listed(id, target, 100)).isTrue();

        assertThat(admin.delete("/upstreams/" + id + "/targets/" + target).status())
                .isEqualTo(204);
        assertThat(listed(id, target, 0)).isFalse();
    }
}
