package io.tollgate.adapter.http.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.out.HealthProbes;
import io.tollgate.application.proxy.health.HealthChecker;
import io.tollgate.application.proxy.health.HealthTopology;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.Upstreams;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Active health checks through the real JDK probes against HTTP servers on loopback. */
class ActiveHealthChecksIT {

    /** How long a test waits for a probe or the checker's timers before it fails. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final List<HttpServer> servers = new CopyOnWriteArrayList<>();
    private final JdkHealthProbes probes = new JdkHealthProbes();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A server answering {@code status} on every path, recording the paths and a probe header. */
    private HttpServer server(AtomicInteger status, List<String> seen) throws IOException {
        return server(status::get, seen);
    }

    /** A server answering {@code status.getAsInt()} to each request (read as the request is answered). */
    private HttpServer server(IntSupplier status, List<String> seen) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            seen.add(exchange.getRequestURI().getPath() + " "
                    + exchange.getRequestHeaders().getFirst("X-Probe"));
            exchange.sendResponseHeaders(status.getAsInt(), -1);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return server;
    }

    private static Entity entity(io.tollgate.domain.schema.EntitySchema schema, Map<String, Object> input) {
        Map<String, Object> fields = new HashMap<>(input);
        fields.put("id", UUID.randomUUID().toString());
        return new Entity(schema, schema.validate(fields));
    }

    @Test
    void probes_classify_responses_refused_connections_and_timeouts() throws Exception {
        AtomicInteger status = new AtomicInteger(503);
        List<String> seen = new CopyOnWriteArrayList<>();
        int port = server(status, seen).getAddress().getPort();
        PeerOutcome answered = probes.probe(new HealthProbes.Probe(
                        "http",
                        "127.0.0.1",
                        port,
                        "/status",
                        Duration.ofSeconds(2),
                        Map.of("X-Probe", List.of("yes")),
                        null,
                        true,
                        "127.0.0.1"))
                .toCompletableFuture()
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(answered.kind()).isEqualTo(PeerOutcome.Kind.RESPONSE);
        assertThat(answered.status()).isEqualTo(503);
        assertThat(seen).containsExactly("/status yes");

        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        PeerOutcome refused = probes.probe(new HealthProbes.Probe(
                        "http", "127.0.0.1", closed, "/", Duration.ofSeconds(2), Map.of(), null, true, "127.0.0.1"))
                .toCompletableFuture()
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(refused.kind()).isEqualTo(PeerOutcome.Kind.TCP_ERROR);
        PeerOutcome tcpUp = probes.probe(new HealthProbes.Probe(
                        "tcp", "127.0.0.1", port, "/", Duration.ofSeconds(2), Map.of(), null, true, "127.0.0.1"))
                .toCompletableFuture()
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(tcpUp).isEqualTo(PeerOutcome.response(0, tcpUp.latencyMs()));
        PeerOutcome tcpDown = probes.probe(new HealthProbes.Probe(
                        "tcp", "127.0.0.1", closed, "/", Duration.ofSeconds(2), Map.of(), null, true, "127.0.0.1"))
                .toCompletableFuture()
                .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(tcpDown.kind()).isEqualTo(PeerOutcome.Kind.TCP_ERROR);

        // a server that accepts but never answers: the probe times out after active.timeout
        try (ServerSocket silent = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            PeerOutcome timedOut = probes.probe(new HealthProbes.Probe(
                            "http",
                            "127.0.0.1",
                            silent.getLocalPort(),
                            "/",
                            Duration.ofMillis(300),
                            Map.of(),
                            null,
                            true,
                            "127.0.0.1"))
                    .toCompletableFuture()
                    .get(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(timedOut.kind()).isEqualTo(PeerOutcome.Kind.TIMEOUT);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(290));
        }
    }

    @Test
    void a_target_that_starts_failing_goes_unhealthy_after_http_failures_probes_and_comes_back() throws Exception {
        AtomicInteger failingStatus = new AtomicInteger(200);
        List<String> failingSeen = new CopyOnWriteArrayList<>();
        List<String> steadySeen = new CopyOnWriteArrayList<>();
        // counts the 500s answered while the checker still holds the target healthy (so before it could count them)
        AtomicReference<BooleanSupplier> failingTargetHealthy = new AtomicReference<>(() -> true);
        AtomicInteger failuresAnsweredWhileHealthy = new AtomicInteger();
        IntSupplier failingAnswer = () -> {
            int status = failingStatus.get();
            if (status == 500 && failingTargetHealthy.get().getAsBoolean()) {
                failuresAnsweredWhileHealthy.incrementAndGet();
            }
            return status;
        };
        int failing = server(failingAnswer, failingSeen).getAddress().getPort();
        int steady = server(new AtomicInteger(200), steadySeen).getAddress().getPort();
        Map<String, Object> active = Map.of(
                "http_path",
                "/health",
                "timeout",
                1,
                "healthy",
                Map.of("interval", 0.1, "successes", 2),
                "unhealthy",
                Map.of("interval", 0.1, "http_failures", 3, "tcp_failures", 1, "timeouts", 1));
        Entity upstreamEntity =
                entity(Upstreams.SCHEMA, Map.of("name", "probed", "healthchecks", Map.of("active", active)));
        Upstream upstream = Upstream.of(upstreamEntity);
        Map<String, Object> ref = Map.of("id", upstreamEntity.id().toString());
        Target a = Target.of(entity(Targets.SCHEMA, Map.of("target", "127.0.0.1:" + failing, "upstream", ref)));
        Target b = Target.of(entity(Targets.SCHEMA, Map.of("target", "127.0.0.1:" + steady, "upstream", ref)));
        String aAddress = "127.0.0.1:" + failing;
        try (HealthChecker checker = new HealthChecker(probes)) {
            failingTargetHealthy.set(() -> checker.isHealthy(upstream.id(), aAddress));
            checker.track(List.of(new HealthTopology.UpstreamTargets(upstream, List.of(a, b))));
            await(() -> failingSeen.size() >= 2);
            assertThat(checker.isHealthy(upstream.id(), aAddress)).isTrue();

            failingStatus.set(500);
            await(() -> !checker.isHealthy(upstream.id(), aAddress));
            // exactly http_failures probes answered 500 before the target went out (one more may be in flight)
            assertThat(failuresAnsweredWhileHealthy).hasValueBetween(3, 4);
            assertThat(checker.isHealthy(upstream.id(), "127.0.0.1:" + steady)).isTrue();
            assertThat(failingSeen).allMatch(p -> p.startsWith("/health"));

            failingStatus.set(200);
            await(() -> checker.isHealthy(upstream.id(), aAddress));
            assertThat(steadySeen).isNotEmpty();

            // a stopped target: one TCP failure takes it out
            servers.get(0).stop(0);
            await(() -> !checker.isHealthy(upstream.id(), aAddress));
        }
    }

    private static void await(BooleanSupplier condition) {
        Awaitility.await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(condition::getAsBoolean);
    }
}
