package io.tollgate.application.proxy.health;

import io.tollgate.application.port.in.ManageTargetHealth;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.HostResolution;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.TargetHealthForced;
import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.upstream.Target;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstream;
import io.tollgate.domain.upstream.Upstreams;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The health Admin endpoints' use case (Kong's {@code /upstreams/{u}/health} and {@code .../healthy|unhealthy}):
 * reads upstreams and targets from the database and their health from this node's {@link HealthChecker}; a forced
 * health is appended to the event log (so every other node applies it after its next poll) and then applied here.
 */
public final class TargetHealthAdministration implements ManageTargetHealth {

    private final EntityStore store;
    private final EventLog log;
    private final Transactions transactions;
    private final HealthChecker checker;
    private final UUID nodeId;
    private final HostResolution dns;

    /**
     * @param nodeId this node's id, recorded with the events it appends
     * @param dns whether a target's host name resolves (a name without addresses is Kong's {@code DNS_ERROR})
     */
    public TargetHealthAdministration(
            EntityStore store,
            EventLog log,
            Transactions transactions,
            HealthChecker checker,
            UUID nodeId,
            HostResolution dns) {
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        this.transactions = Objects.requireNonNull(transactions, "transactions");
        this.checker = Objects.requireNonNull(checker, "checker");
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.dns = Objects.requireNonNull(dns, "dns");
    }

    @Override
    public Optional<UpstreamHealth> upstreamHealth(String upstream) {
        return upstream(upstream)
                .map(u -> new UpstreamHealth(
                        u.id().value(),
                        targets(u).stream().map(t -> targetHealth(u, t)).toList()));
    }

    @Override
    public Optional<BalancerHealth> balancerHealth(String upstream) {
        return upstream(upstream).map(u -> {
            boolean inUse = inUse(u);
            long total = 0;
            long unavailable = 0;
            List<Map<String, @Nullable Object>> hosts = new ArrayList<>();
            for (Entity entity : targets(u)) {
                TargetHealth health = targetHealth(u, entity);
                long weight = Target.of(entity).weight();
                total += weight;
                if (inUse && health.health().equals("UNHEALTHY")) {
                    unavailable += weight;
                }
                if (!health.data().isEmpty()) {
                    hosts.add(balancerHost(health.data()));
                }
            }
            double threshold = checker.settings(u.id())
                    .orElseGet(() -> CheckSettings.of(u))
                    .threshold();
            boolean healthy = total > 0 && (total - unavailable) * 100.0 / total > threshold;
            Map<String, @Nullable Object> details = new LinkedHashMap<>();
            details.put("healthy", healthy);
            details.put("weight", weight(total, unavailable));
            details.put("hosts", hosts);
            String balancer = healthy ? "HEALTHY" : "UNHEALTHY";
            return new BalancerHealth(u.id().value(), inUse ? balancer : "HEALTHCHECKS_OFF", balancer, details);
        });
    }

    /**
     * A target's entry of the balancer's {@code details.hosts}: Kong's {@code getTargetStatus}, whose addresses carry
     * {@code healthy} (whether the balancer may use them) where {@code /health} shows the {@code health} string.
     */
    private static Map<String, @Nullable Object> balancerHost(Map<String, @Nullable Object> data) {
        Map<String, @Nullable Object> host = new LinkedHashMap<>(data);
        if (data.get("addresses") instanceof List<?> addresses) {
            host.put(
                    "addresses",
                    addresses.stream()
                            .map(a -> {
                                Map<String, @Nullable Object> address = new LinkedHashMap<>();
                                ((Map<?, ?>) a).forEach((k, v) -> address.put(String.valueOf(k), v));
                                address.put("healthy", !"UNHEALTHY".equals(address.remove("health")));
                                return address;
                            })
                            .toList());
        }
        return host;
    }

    @Override
    public SetHealth setHealth(String upstream, String target, @Nullable String address, boolean healthy) {
        Optional<Upstream> found = upstream(upstream);
        if (found.isEmpty()) {
            return SetHealth.NOT_FOUND;
        }
        Upstream u = found.get();
        Optional<Target> t = target(u, target).map(Target::of);
        if (t.isEmpty()) {
            return SetHealth.NOT_FOUND;
        }
        String ip = null;
        if (address != null) {
            Optional<HostAddress> parsed = HostAddress.parse(address);
            if (parsed.isEmpty()) {
                return new SetHealth(SetHealth.Status.REJECTED, "Invalid address ('" + address + "')");
            }
            ip = parsed.get().host();
        }
        if (!checker.inUse(u.id())) {
            return new SetHealth(SetHealth.Status.REJECTED, "no healthchecker found for " + u.name());
        }
        TargetHealthForced event =
                new TargetHealthForced(u.id(), t.get().id(), WatchedUpstream.Cell.address(t.get()), ip, healthy);
        transactions.inTransaction(() -> {
            log.append(nodeId, event);
            return null;
        });
        checker.apply(event);
        return SetHealth.DONE;
    }

    private TargetHealth targetHealth(Upstream upstream, Entity entity) {
        Target target = Target.of(entity);
        String address = WatchedUpstream.Cell.address(target);
        Optional<TargetState> state = checker.state(upstream.id(), address);
        if (state.isEmpty()) {
            return new TargetHealth(entity, "DNS_ERROR", Map.of());
        }
        if (!dns.resolves(target.host())) {
            return new TargetHealth(entity, "DNS_ERROR", unresolved(target));
        }
        String health = inUse(upstream) && target.weight() > 0
                ? (state.get().available() ? "HEALTHY" : "UNHEALTHY")
                : "HEALTHCHECKS_OFF";
        long unavailable = health.equals("UNHEALTHY") ? target.weight() : 0;
        Map<String, @Nullable Object> addressData = new LinkedHashMap<>();
        addressData.put("ip", target.host());
        addressData.put("port", target.port());
        addressData.put("weight", target.weight());
        addressData.put("health", health);
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("host", target.host());
        data.put("port", target.port());
        data.put("dns", target.host().indexOf(':') >= 0 ? "AAAA" : "A");
        data.put("nodeWeight", target.weight());
        data.put("weight", weight(target.weight(), unavailable));
        data.put("addresses", List.of(addressData));
        return new TargetHealth(entity, health, data);
    }

    /** Kong's balancer entry of a name without addresses: no address, no weight available. */
    private static Map<String, @Nullable Object> unresolved(Target target) {
        Map<String, @Nullable Object> data = new LinkedHashMap<>();
        data.put("host", target.host());
        data.put("port", target.port());
        data.put("nodeWeight", target.weight());
        data.put("weight", weight(0, 0));
        data.put("addresses", List.of());
        return data;
    }

    private boolean inUse(Upstream upstream) {
        return checker.inUse(upstream.id());
    }

    private static Map<String, Object> weight(long total, long unavailable) {
        Map<String, Object> weight = new LinkedHashMap<>();
        weight.put("total", total);
        weight.put("available", total - unavailable);
        weight.put("unavailable", unavailable);
        return weight;
    }

    private Optional<Upstream> upstream(String idOrName) {
        Optional<UUID> id = uuid(idOrName);
        Optional<Entity> entity = id.isPresent()
                ? store.find(Upstreams.SCHEMA, id.get())
                : store.findBy(Upstreams.SCHEMA, "name", idOrName);
        return entity.map(Upstream::of);
    }

    /** Kong's order: by {@code created_at}, then id. */
    private List<Entity> targets(Upstream upstream) {
        return store.referencing(Targets.SCHEMA, "upstream", upstream.id().value()).stream()
                .sorted(Comparator.comparingDouble(
                                (Entity e) -> e.get("created_at") instanceof Number n ? n.doubleValue() : 0)
                        .thenComparing(Entity::id))
                .toList();
    }

    private Optional<Entity> target(Upstream upstream, String idOrTarget) {
        Optional<UUID> id = uuid(idOrTarget);
        String normalised = Targets.normalise(idOrTarget).orElse(idOrTarget);
        return targets(upstream).stream()
                .filter(e -> id.map(i -> i.equals(e.id())).orElse(false)
                        || idOrTarget.equals(e.get("target"))
                        || normalised.equals(e.get("target")))
                .findFirst();
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return text.length() == 36 ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
