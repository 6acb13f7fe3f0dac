package io.tollgate.adapter.http.admin;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.in.AdministerEntities;
import io.tollgate.application.port.in.ManageTargetHealth;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.upstream.Upstreams;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Kong's {@code kong_upstream_target_health{upstream,target,address,state,subsystem}}: for every address of every
 * target of every upstream, this node's view of its health, one series per state ({@code healthchecks_off},
 * {@code healthy}, {@code unhealthy}, {@code dns_error}) with 1 on the current one and 0 on the others; a target
 * without addresses is {@code dns_error} with an empty {@code address}. Exported while an enabled {@code prometheus}
 * instance has {@code upstream_health_metrics}; unlike Kong, which needs a reload to stop, the flag is read at every
 * scrape. Reads the database (plugins, upstreams) on the Admin API's worker thread.
 */
final class UpstreamHealthFamily {

    static final String NAME = "kong_upstream_target_health";
    private static final List<String> STATES = List.of("healthchecks_off", "healthy", "unhealthy", "dns_error");
    private static final int PAGE = 1000;

    private final AdministerEntities entities;
    private final ManageTargetHealth health;

    UpstreamHealthFamily(AdministerEntities entities, ManageTargetHealth health) {
        this.entities = entities;
        this.health = health;
    }

    /** The family, or empty when no enabled prometheus instance asks for it. */
    Optional<GaugeSnapshot> snapshot() {
        if (!requested()) {
            return Optional.empty();
        }
        GaugeSnapshot.Builder gauge = GaugeSnapshot.builder()
                .name(NAME)
                .help("Health status of targets of upstream. States = healthchecks_off|healthy|unhealthy|dns_error, "
                        + "value is 1 when state is populated.");
        each(Upstreams.SCHEMA, upstream -> targets(upstream, gauge));
        return Optional.of(gauge.build());
    }

    private boolean requested() {
        boolean[] found = {false};
        each(Plugins.SCHEMA, entity -> {
            Plugin plugin = Plugin.of(entity);
            if (plugin.enabled()
                    && plugin.name().equals("prometheus")
                    && Boolean.TRUE.equals(plugin.config().get("upstream_health_metrics"))) {
                found[0] = true;
            }
        });
        return found[0];
    }

    private void targets(Entity upstream, GaugeSnapshot.Builder gauge) {
        String name = Optional.ofNullable(upstream.stringOrNull("name"))
                .orElse(upstream.id().toString());
        health.upstreamHealth(upstream.id().toString()).ifPresent(found -> {
            for (ManageTargetHealth.TargetHealth target : found.targets()) {
                String targetName = Optional.ofNullable(target.target().stringOrNull("target"))
                        .orElse("");
                List<?> addresses = target.data().get("addresses") instanceof List<?> l ? l : List.of();
                if (addresses.isEmpty()) {
                    states(gauge, name, targetName, "", "dns_error");
                }
                for (Object a : addresses) {
                    if (a instanceof Map<?, ?> address) {
                        states(
                                gauge,
                                name,
                                targetName,
                                address.get("ip") + ":" + address.get("port"),
                                String.valueOf(address.get("health")).toLowerCase(Locale.ROOT));
                    }
                }
            }
        });
    }

    private static void states(
            GaugeSnapshot.Builder gauge, String upstream, String target, String address, String now) {
        for (String state : STATES) {
            gauge.dataPoint(GaugeDataPointSnapshot.builder()
                    .value(state.equals(now) ? 1 : 0)
                    .labels(Labels.of(
                            "upstream",
                            upstream,
                            "target",
                            target,
                            "address",
                            address,
                            "state",
                            state,
                            "subsystem",
                            "http"))
                    .build());
        }
    }

    private void each(EntitySchema schema, Consumer<Entity> action) {
        UUID after = null;
        do {
            Page page = entities.list(schema, new PageRequest(PAGE, after, null, null));
            page.data().forEach(action);
            after = page.next();
        } while (after != null);
    }
}
