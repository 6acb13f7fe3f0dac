package io.tollgate.application.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.port.PeerOutcome;
import io.tollgate.application.port.out.HealthProbes;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthCheckerTest {

    /** How long a test waits for the checker's timers before it fails. */
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /** Probe outcomes by port; absent = a 200 response. */
    private final Map<Integer, PeerOutcome> outcomes = new ConcurrentHashMap<>();

    private final List<HealthProbes.Probe> probed = new CopyOnWriteArrayList<>();
    private final HealthChecker checker = new HealthChecker(probe -> {
        probed.add(probe);
        return CompletableFuture.completedFuture(outcomes.getOrDefault(probe.port(), PeerOutcome.response(200, 1)));
    });

    @AfterEach
    void close() {
        checker.close();
    }

    static Upstream upstream(String name, Map<String, ?> healthchecks) {
        return Upstream.of(Entities.of(Upstreams.SCHEMA, Map.of("name", name, "healthchecks", healthchecks)));
    }

    static Target target(Upstream upstream, String address, int weight) {
        return Target.of(Entities.of(
                Targets.SCHEMA,
                Map.of(
                        "target",
                        address,
                        "weight",
                        weight,
                        "upstream",
                        Map.of("id", upstream.id().value().toString()))));
    }

    static Map<String, ?> passive(int httpFailures, int tcpFailures) {
        return Map.of(
                "passive", Map.of("unhealthy", Map.of("http_failures", httpFailures, "tcp_failures", tcpFailures)));
    }

    private void track(Upstream upstream, Target... targets) {
        checker.track(List.of(new HealthTopology.UpstreamTargets(upstream, List.of(targets))));
    }

    @Test
    void passive_failures_take_a_target_out_and_only_that_target() {
        Upstream u = upstream("u", passive(2, 0));
        track(u, target(u, "10.0.0.1:80", 100), target(u, "10.0.0.2:80", 100));
        checker.report(u.id(), "10.0.0.1:80", PeerOutcome.response(500, 3));
        assertThat(checker.isHealthy(u.id(), "10.0.0.1:80")).isTrue();
        checker.report(u.id(), "10.0.0.1:80", PeerOutcome.response(503, 3));
        assertThat(checker.isHealthy(u.id(), "10.0.0.1:80")).isFalse();
        assertThat(checker.isHealthy(u.id(), "10.0.0.2:80")).isTrue();
    }

    @Test
    void with_health_checks_off_every_target_stays_healthy() {
        Upstream u = upstream("off", Map.of());
        track(u, target(u, "10.0.0.1:80", 100));
        for (int i = 0; i < 10; i++) {
            checker.report(u.id(), "10.0.0.1:80", PeerOutcome.tcpError(1));
        }
        assertThat(checker.isHealthy(u.id(), "10.0.0.1:80")).isTrue();
        assertThat(checker.inUse(u.id())).isFalse();
        assertThat(checker.apply(new TargetHealthForced(
                        u.id(), target(u, "10.0.0.1:80", 1).id(), "10.0.0.1:80", null, false)))
                .isTrue();
        assertThat(checker.isHealthy(u.id(), "10.0.0.1:80")).isTrue();
    }

    @Test
    void unknown_upstreams_and_targets_are_healthy_and_reports_about_them_are_ignored() {
        UpstreamId unknown = new UpstreamId(UUID.randomUUID());
        checker.report(unknown, "10.0.0.9:80", PeerOutcome.tcpError(1));
        assertThat(checker.isHealthy(unknown, "10.0.0.9:80")).isTrue();
        Upstream u = upstream("u", passive(0, 1));
        track(u, target(u, "10.0.0.1:80", 100));
        checker.report(u.id(), "10.0.0.9:80", PeerOutcome.tcpError(1));
        assertThat(checker.isHealthy(u.id(), "10.0.0.9:80")).isTrue();
    }

    @Test
    void a_forced_state_applies_to_the_target_and_a_rebuild_keeps_the_state_of_known_targets() {
        Upstream u = upstream("u", passive(0, 1));
        Target t = target(u, "10.0.0.1:80", 100);
        track(u, t);
        assertThat(checker.apply(new TargetHealthForced(u.id(), t.id(), "10.0.0.1:80", null, false)))
                .isTrue();
        assertThat(checker.isHealthy(u.id(), "10.0.0.1:80")).isFalse();
        Target added = target(u, "10.0.0.2:80", 100);
        track(u, t, added);
        assertThat(checker.isHealthy(u.id(), "10.0.0.1:80")).isFalse();
        assertThat(checker.isHealthy(u.id(), "10.0.0.2:80")).isTrue();
        // an address that is not the IP target's own is ignored, as Kong does
        assertThat(checker.apply(new TargetHealthForced(u.id(), t.id(), "10.0.0.1:80", "10.9.9.9", true)))
                .isFalse();
        assertThat(checker.apply(new TargetHealthForced(u.id(), t.id(), "10.0.0.1:80", "10.0.0.1", true)))
                .isTrue();
        assertThat(checker.isHealthy(u.id(), "10.0.0.1:80")).isTrue();
        track(u, added);
        assertThat(checker.state(u.id(), "10.0.0.1:80")).isEmpty();
    }

    @Test
    void active_probes_take_a_failing_target_out_and_bring_it_back() {
        Upstream u = upstream(
                "active",
                Map.of(
                        "active",
                        Map.of(
                                "timeout",
                                2,
                                "http_path",
                                "/status",
                                "healthy",
                                Map.of("interval", 0.05, "successes", 2),
                                "unhealthy",
                                Map.of("interval", 0.05, "http_failures", 2, "tcp_failures", 1))));
        track(u, target(u, "127.0.0.1:1001", 100), target(u, "127.0.0.1:1002", 100), target(u, "127.0.0.1:1003", 0));
        outcomes.put(1001, PeerOutcome.response(500, 1));
        outcomes.put(1002, PeerOutcome.tcpError(1));
        awaitHealth(u, "127.0.0.1:1001", false);
        awaitHealth(u, "127.0.0.1:1002", false);
        assertThat(checker.isHealthy(u.id(), "127.0.0.1:1003")).isTrue();
        assertThat(probed).noneMatch(p -> p.port() == 1003);
        assertThat(probed).allSatisfy(p -> {
            assertThat(p.path()).isEqualTo("/status");
            assertThat(p.type()).isEqualTo("http");
            assertThat(p.timeout().toMillis()).isEqualTo(2000);
        });
        outcomes.remove(1001);
        awaitHealth(u, "127.0.0.1:1001", true);
        assertThat(checker.isHealthy(u.id(), "127.0.0.1:1002")).isFalse();
    }

    @Test
    void active_rounds_probe_at_most_concurrency_targets_at_once() {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        List<CompletableFuture<PeerOutcome>> pending = new CopyOnWriteArrayList<>();
        HealthChecker slow = new HealthChecker(probe -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<PeerOutcome> f = new CompletableFuture<>();
            pending.add(f);
            return f.whenComplete((r, e) -> inFlight.decrementAndGet());
        });
        try {
            Upstream u = upstream(
                    "c",
                    Map.of("active", Map.of("concurrency", 2, "healthy", Map.of("interval", 0.05, "successes", 1))));
            slow.track(List.of(new HealthTopology.UpstreamTargets(
                    u,
                    List.of(
                            target(u, "10.0.0.1:80", 1),
                            target(u, "10.0.0.2:80", 1),
                            target(u, "10.0.0.3:80", 1),
                            target(u, "10.0.0.4:80", 1)))));
            AtomicInteger completed = new AtomicInteger();
            // answer every probe sent so far, round after round, until six have been answered
            await().atMost(DEADLINE).pollInterval(Duration.ofMillis(20)).until(() -> {
                for (CompletableFuture<PeerOutcome> f : pending) {
                    if (f.complete(PeerOutcome.response(200, 1))) {
                        completed.incrementAndGet();
                    }
                }
                return completed.get() >= 6;
            });
            assertThat(peak.get()).isEqualTo(2);
        } finally {
            slow.close();
        }
    }

    private void awaitHealth(Upstream u, String target, boolean healthy) {
        await().atMost(DEADLINE)
                .pollInterval(Duration.ofMillis(10))
                .alias(target + (healthy ? " healthy" : " unhealthy"))
                .until(() -> checker.isHealthy(u.id(), target) == healthy);
    }
}
