package io.tollgate.application.proxy.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ManageTargetHealth.BalancerHealth;
import io.tollgate.application.port.in.ManageTargetHealth.SetHealth;
import io.tollgate.application.port.in.ManageTargetHealth.TargetHealth;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.UpstreamId;
import io.tollgate.domain.upstream.Upstreams;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetHealthAdministrationTest {

    private final UUID nodeId = UUID.randomUUID();
    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final List<TargetHealthForced> appended = new CopyOnWriteArrayList<>();
    private final EventLog log = new EventLog() {
        @Override
        public void append(UUID node, ClusterEvent event) {
            assertThat(node).isEqualTo(nodeId);
            appended.add((TargetHealthForced) event);
        }

        @Override
        public LogPosition head() {
            return LogPosition.START;
        }

        @Override
        public LogRead readAfter(LogPosition position, int limit) {
            return new LogRead.Events(List.of());
        }
    };
    private final Transactions transactions = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };
    private final HealthChecker checker = new HealthChecker(
            probe -> CompletableFuture.completedFuture(io.tollgate.application.port.PeerOutcome.response(200, 0)));
    private final TargetHealthAdministration admin =
            new TargetHealthAdministration(store, log, transactions, checker, nodeId, host -> !host.startsWith("bad-"));

    @AfterEach
    void close() {
        checker.close();
    }

    private Entity upstream(String name, Map<String, ?> healthchecks) {
        return store.create(Upstreams.SCHEMA, Map.of("name", name, "healthchecks", healthchecks));
    }

    private Entity target(Entity upstream, String target, int weight) {
        return store.create(
                Targets.SCHEMA,
                Map.of(
                        "target",
                        target,
                        "weight",
                        weight,
                        "upstream",
                        Map.of("id", upstream.id().toString())));
    }

    private void load() {
        new HealthTargets(store, checker).rebuild();
    }

    @Test
    void forcing_a_target_unhealthy_logs_the_event_and_applies_it_here() {
        Entity u = upstream("u", HealthCheckerTest.passive(0, 3));
        Entity t = target(u, "10.0.0.1:80", 100);
        target(u, "10.0.0.2:80", 50);
        load();
        assertThat(admin.setHealth("u", "10.0.0.1:80", null, false)).isEqualTo(SetHealth.DONE);
        assertThat(appended)
                .containsExactly(new TargetHealthForced(
                        new UpstreamId(u.id()),
                        new io.tollgate.domain.upstream.TargetId(t.id()),
                        "10.0.0.1:80",
                        null,
                        false));
        assertThat(checker.isHealthy(new UpstreamId(u.id()), "10.0.0.1:80")).isFalse();

        List<TargetHealth> targets = admin.upstreamHealth(u.id().toString()).orElseThrow().targets().stream()
                .sorted(java.util.Comparator.comparing(h -> h.target().string("target")))
                .toList();
        assertThat(targets).extracting(TargetHealth::health).containsExactly("UNHEALTHY", "HEALTHY");
        assertThat(targets.get(0).data())
                .containsEntry("host", "10.0.0.1")
                .containsEntry("port", 80)
                .containsEntry("weight", Map.of("total", 100L, "available", 0L, "unavailable", 100L));
        assertThat(targets.get(0).data().get("addresses"))
                .isEqualTo(List.of(Map.of("ip", "10.0.0.1", "port", 80, "weight", 100, "health", "UNHEALTHY")));

        BalancerHealth balancer = admin.balancerHealth("u").orElseThrow();
        assertThat(balancer.health()).isEqualTo("HEALTHY");
        assertThat(balancer.details().get("weight"))
                .isEqualTo(Map.of("total", 150L, "available", 50L, "unavailable", 100L));
        // by target id, and by host with the default port
        assertThat(admin.setHealth("u", "10.0.0.2:80", null, false)).isEqualTo(SetHealth.DONE);
        assertThat(admin.balancerHealth("u").orElseThrow().health()).isEqualTo("UNHEALTHY");
        assertThat(admin.setHealth("u", t.id().toString(), null, true)).isEqualTo(SetHealth.DONE);
        assertThat(checker.isHealthy(new UpstreamId(u.id()), "10.0.0.1:80")).isTrue();
    }

    @Test
    void a_target_whose_name_does_not_resolve_is_a_dns_error_with_no_address() {
        Entity u = upstream("u", HealthCheckerTest.passive(0, 3));
        target(u, "bad-name:80", 100);
        target(u, "good-name:80", 100);
        load();

        List<TargetHealth> targets = admin.upstreamHealth("u").orElseThrow().targets().stream()
                .sorted(java.util.Comparator.comparing(h -> h.target().string("target")))
                .toList();

        assertThat(targets).extracting(TargetHealth::health).containsExactly("DNS_ERROR", "HEALTHY");
        assertThat(targets.get(0).data())
                .containsEntry("host", "bad-name")
                .containsEntry("addresses", List.of())
                .containsEntry("weight", Map.of("total", 0L, "available", 0L, "unavailable", 0L));
    }

    @Test
    void unknown_upstreams_and_targets_are_not_found_and_nothing_is_logged() {
        Entity u = upstream("u", HealthCheckerTest.passive(0, 3));
        target(u, "10.0.0.1", 100);
        load();
        assertThat(admin.setHealth("nope", "10.0.0.1", null, false)).isEqualTo(SetHealth.NOT_FOUND);
        assertThat(admin.setHealth("u", "10.0.0.9", null, false)).isEqualTo(SetHealth.NOT_FOUND);
        assertThat(admin.setHealth("u", UUID.randomUUID().toString(), null, false))
                .isEqualTo(SetHealth.NOT_FOUND);
        assertThat(admin.upstreamHealth("nope")).isEmpty();
        assertThat(admin.balancerHealth(UUID.randomUUID().toString())).isEmpty();
        assertThat(appended).isEmpty();
        // a target given without port is 10.0.0.1:8000
        assertThat(admin.setHealth("u", "10.0.0.1", null, false)).isEqualTo(SetHealth.DONE);
    }

    @Test
    void without_health_checks_forcing_is_rejected_and_targets_show_healthchecks_off() {
        Entity u = upstream("plain", Map.of());
        target(u, "10.0.0.1:80", 100);
        target(u, "10.0.0.2:80", 0);
        load();
        SetHealth result = admin.setHealth("plain", "10.0.0.1:80", null, false);
        assertThat(result.status()).isEqualTo(SetHealth.Status.REJECTED);
        assertThat(result.message()).isEqualTo("no healthchecker found for plain");
        assertThat(appended).isEmpty();
        assertThat(admin.upstreamHealth("plain").orElseThrow().targets())
                .extracting(TargetHealth::health)
                .containsExactly("HEALTHCHECKS_OFF", "HEALTHCHECKS_OFF");
        BalancerHealth balancer = admin.balancerHealth("plain").orElseThrow();
        assertThat(balancer.health()).isEqualTo("HEALTHCHECKS_OFF");
        assertThat(balancer.balancerHealth()).isEqualTo("HEALTHY");
    }

    @Test
    void a_target_the_checker_does_not_know_yet_shows_dns_error() {
        Entity u = upstream("u", HealthCheckerTest.passive(0, 3));
        load();
        target(u, "10.0.0.1:80", 100);
        assertThat(admin.upstreamHealth("u").orElseThrow().targets())
                .singleElement()
                .satisfies(t -> {
                    assertThat(t.health()).isEqualTo("DNS_ERROR");
                    assertThat(t.data()).isEmpty();
                });
    }
}
