package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.ManageTargetHealth;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A {@link ManageTargetHealth} that answers what a test set and records the forced healths it is asked for. */
final class FakeTargetHealth implements ManageTargetHealth {

    private static final java.util.UUID ID = java.util.UUID.randomUUID();

    /** By default every upstream exists and has no targets. */
    volatile @Nullable UpstreamHealth upstream = new UpstreamHealth(ID, List.of());

    volatile @Nullable BalancerHealth balancer = new BalancerHealth(ID, "HEALTHCHECKS_OFF", "UNHEALTHY", Map.of());
    volatile SetHealth answer = SetHealth.DONE;
    final List<String> calls = new CopyOnWriteArrayList<>();

    void reset() {
        upstream = new UpstreamHealth(ID, List.of());
        balancer = new BalancerHealth(ID, "HEALTHCHECKS_OFF", "UNHEALTHY", Map.of());
        answer = SetHealth.DONE;
        calls.clear();
    }

    @Override
    public Optional<UpstreamHealth> upstreamHealth(String name) {
        calls.add("health " + name);
        return Optional.ofNullable(upstream);
    }

    @Override
    public Optional<BalancerHealth> balancerHealth(String name) {
        calls.add("balancer " + name);
        return Optional.ofNullable(balancer);
    }

    @Override
    public SetHealth setHealth(String name, String target, @Nullable String address, boolean healthy) {
        calls.add(String.join(" ", name, target, String.valueOf(address), healthy ? "healthy" : "unhealthy"));
        return answer;
    }

    static Map<String, @Nullable Object> data(String host, int port, String health) {
        return Map.of(
                "host", host, "port", port, "addresses", List.of(Map.of("ip", host, "port", port, "health", health)));
    }
}
