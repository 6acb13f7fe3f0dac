package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's load balancing on one real node (embedded PostgreSQL) against real upstream servers on loopback: weighted
 * round-robin over 10,000 requests, consistent hashing by header, retries past a dead target, and each of
 * {@code connect_timeout}, {@code write_timeout}, {@code read_timeout} answering 504 at the configured time.
 */
class BalancerNodeIT {

    @TempDir
    static Path dir;

    static NodeProcess node;
    static final List<HttpServer> servers = new ArrayList<>();
    static final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    static final List<Integer> ports = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        for (String name : List.of("one", "two", "three")) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
            server.createContext("/", exchange -> {
                hits.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                byte[] body = name.getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.setExecutor(Executors.newFixedThreadPool(4));
            server.start();
            servers.add(server);
            ports.add(server.getAddress().getPort());
        }
        node = NodeProcess.start("balancer", dir, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        servers.forEach(s -> s.stop(0));
    }

    private static void created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** An upstream with targets {@code 127.0.0.1:<port>=weight}, a service on it and a route {@code /<name>}. */
    private static void balanced(
            String name, String upstreamFields, Map<Integer, Integer> targets, String serviceFields) throws Exception {
        String admin = node.admin();
        created(post(admin + "/upstreams", "{\"name\":\"" + name + "\"" + upstreamFields + "}"));
        for (Map.Entry<Integer, Integer> t : targets.entrySet()) {
            created(post(
                    admin + "/upstreams/" + name + "/targets",
                    "{\"target\":\"127.0.0.1:" + t.getKey() + "\",\"weight\":" + t.getValue() + "}"));
        }
        created(post(
                admin + "/services", "{\"name\":\"" + name + "\",\"host\":\"" + name + "\"" + serviceFields + "}"));
        created(post(admin + "/services/" + name + "/routes", "{\"paths\":[\"/" + name + "\"]}"));
        Http.await(node.proxy() + "/" + name, Http.status(200), Duration.ofSeconds(20));
    }

    @Test
    void round_robin_honours_weights_within_5_percent_over_10000_requests() throws Exception {
        balanced("weighted", "", Map.of(ports.get(0), 1, ports.get(1), 2, ports.get(2), 7), "");
        hits.clear();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> batches = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                batches.add(clients.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 1250; i++) {
                        ok += get(node.proxy() + "/weighted").status() == 200 ? 1 : 0;
                    }
                    return ok;
                }));
            }
            int ok = 0;
            for (Future<Integer> batch : batches) {
                ok += batch.get();
            }
            assertThat(ok).isEqualTo(10_000);
        } finally {
            clients.shutdownNow();
        }
        assertThat(hits.get("one").get()).isBetween(950, 1050);
        assertThat(hits.get("two").get()).isBetween(1900, 2100);
        assertThat(hits.get("three").get()).isBetween(6650, 7350);
    }

    @Test
    void consistent_hashing_by_header_keeps_each_key_on_one_target() throws Exception {
        balanced(
                "hashed",
                ",\"hash_on\":\"header\",\"hash_on_header\":\"x-user\"",
                Map.of(ports.get(0), 100, ports.get(1), 100, ports.get(2), 100),
                "");
        Set<String> used = new HashSet<>();
        for (int user = 0; user < 30; user++) {
            Set<String> servedBy = new HashSet<>();
            for (int i = 0; i < 10; i++) {
                Http.Response r = get(node.proxy() + "/hashed", "X-User", "user-" + user);
                assertThat(r.status()).isEqualTo(200);
                servedBy.add(r.body());
            }
            assertThat(servedBy).as("user-%d", user).hasSize(1);
            used.addAll(servedBy);
        }
        assertThat(used).as("30 keys spread over the targets").hasSizeGreaterThan(1);
    }

    @Test
    void retries_reach_a_live_target_when_one_port_is_closed() throws Exception {
        int closed = NodeProcess.freePort();
        balanced("retried", "", Map.of(closed, 100, ports.get(0), 100), ",\"retries\":3");
        Map<String, Integer> bodies = new HashMap<>();
        for (int i = 0; i < 40; i++) {
            Http.Response r = get(node.proxy() + "/retried");
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            bodies.merge(r.body(), 1, Integer::sum);
        }
        assertThat(bodies).containsOnlyKeys("one");
    }

    @Test
    void an_upstream_without_targets_answers_503() throws Exception {
        String admin = node.admin();
        created(post(admin + "/upstreams", "{\"name\":\"empty\"}"));
        created(post(admin + "/services", "{\"name\":\"empty\",\"host\":\"empty\"}"));
        created(post(admin + "/services/empty/routes", "{\"paths\":[\"/empty\"]}"));
        Http.await(node.proxy() + "/empty", Http.status(503), Duration.ofSeconds(20));
        assertThat(get(node.proxy() + "/empty").json().get("message").asText())
                .isEqualTo("failure to get a peer from the ring-balancer");
    }

    @Test
    void read_timeout_answers_504_at_the_configured_time() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        slow.createContext("/", exchange -> {
            try {
                // the behaviour under test, not synchronisation: headers come far too late, long after the 1 s
                // read_timeout and the test's 1.2 s bound, so the upstream never races the gateway's 504
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.start();
        try {
            direct("slow", slow.getAddress().getPort(), ",\"read_timeout\":1000");
            assertTimesOutAfter(() -> get(node.proxy() + "/slow"), 1000);
        } finally {
            slow.stop(0);
        }
    }

    @Test
    void connect_timeout_answers_504_at_the_configured_time() throws Exception {
        try (FullBacklog full = new FullBacklog()) {
            direct("unconnectable", full.port(), ",\"connect_timeout\":1000");
            assertTimesOutAfter(() -> get(node.proxy() + "/unconnectable"), 1000);
        }
    }

    @Test
    void write_timeout_answers_504_at_the_configured_time() throws Exception {
        try (ServerSocket deaf = new ServerSocket()) {
            deaf.setReceiveBufferSize(4096);
            deaf.bind(new InetSocketAddress("127.0.0.1", 0));
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        accepted.add(deaf.accept()); // accepted, never read
                    }
                } catch (IOException e) {
                    // closed
                }
            });
            direct("deaf", deaf.getLocalPort(), ",\"write_timeout\":1000,\"read_timeout\":20000");
            assertTimesOutAfter(() -> rawPost(node.proxy(), "/deaf", 64 << 20), 1000);
            acceptor.interrupt();
        }
    }

    /** A service straight to {@code 127.0.0.1:port}, no retries (Kong would retry a timed-out try). */
    private static void direct(String name, int port, String serviceFields) throws Exception {
        String admin = node.admin();
        created(post(
                admin + "/services",
                "{\"name\":\"" + name + "\",\"url\":\"http://127.0.0.1:" + port + "\",\"retries\":0" + serviceFields
                        + "}"));
        created(post(admin + "/services/" + name + "/routes", "{\"paths\":[\"/" + name + "\"]}"));
    }

    private interface Call {
        Http.Response run() throws Exception;
    }

    /** Runs the call (again while the new route is not in the router yet) and checks the 504 and its timing. */
    private static void assertTimesOutAfter(Call call, long timeoutMs) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        AtomicLong lastMs = new AtomicLong();
        await().atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(50))
                .alias("the new route is in the router")
                .until(() -> {
                    long start = System.nanoTime();
                    last.set(call.run());
                    lastMs.set((System.nanoTime() - start) / 1_000_000);
                    return last.get().status() != 404;
                });
        Http.Response response = last.get();
        long elapsed = lastMs.get();
        assertThat(response.status()).as(response.body()).isEqualTo(504);
        // Kong's nginx-level error body, typed by Accept, else Content-Type, else error_default_type (text/plain)
        assertThat(response.body())
                .contains("The upstream server is timing out")
                .contains("request_id");
        // Never early; late by at most the timeout again (a loaded 2-core machine needs the slack; Kong's defaults,
        // 60 s, and a timer reset per write would still be far outside).
        assertThat(elapsed).isBetween(timeoutMs * 8 / 10, timeoutMs * 2);
    }

    /** A POST with a large body over a raw socket: the body is written on a thread while the response is read. */
    private static Http.Response rawPost(String base, String path, int bodyBytes) throws Exception {
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", Integer.parseInt(base.replaceAll(".*:", "")));
        try (Socket socket = new Socket()) {
            socket.connect(address, 2000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: test\r\nContent-Type: application/octet-stream\r\n"
                            + "Content-Length: " + bodyBytes + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, bodyBytes - sent));
                    }
                } catch (IOException e) {
                    // the gateway may close the connection after its answer
                }
            });
            String head = readHead(socket.getInputStream());
            int status = Integer.parseInt(head.substring(9, 12));
            int length = Integer.parseInt(head.replaceAll("(?is).*content-length:\\s*(\\d+).*", "$1"));
            byte[] body = socket.getInputStream().readNBytes(length);
            writer.interrupt();
            return new Http.Response(status, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /**
     * A listening socket whose accept queue is full, so that the kernel drops further SYNs and connecting hangs
     * (a blackhole address such as 10.255.255.1 is answered on some networks).
     */
    private static final class FullBacklog implements AutoCloseable {
        private final ServerSocket server;
        private final List<Socket> fillers = new ArrayList<>();

        FullBacklog() throws IOException {
            server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
            for (int i = 0; i < 16; i++) {
                Socket probe = new Socket();
                try {
                    probe.connect(server.getLocalSocketAddress(), 300);
                    fillers.add(probe);
                } catch (SocketTimeoutException e) {
                    probe.close();
                    return; // the queue is full: connects now hang
                }
            }
            throw new IllegalStateException("could not fill the accept queue; connects never hang here");
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            for (Socket s : fillers) {
                s.close();
            }
            server.close();
        }
    }
}
