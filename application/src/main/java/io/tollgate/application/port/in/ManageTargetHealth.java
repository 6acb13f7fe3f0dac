package io.tollgate.application.port.in;

import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Kong's health Admin endpoints (kong-internals §6.6, §8.7): this node's view of an upstream's target health and the
 * operator's forced {@code healthy} / {@code unhealthy}, which every node applies (through the event log).
 * Upstreams are named by id or name, targets by id or {@code host[:port]} (port 8000 when omitted).
 */
public interface ManageTargetHealth {

    /**
     * {@code GET /upstreams/{u}/health}: every target of the upstream with its health on this node.
     *
     * @return empty when the upstream does not exist
     */
    Optional<UpstreamHealth> upstreamHealth(String upstream);

    /**
     * {@code GET /upstreams/{u}/health?balancer_health=1}: the health of the upstream's balancer on this node.
     *
     * @return empty when the upstream does not exist
     */
    Optional<BalancerHealth> balancerHealth(String upstream);

    /**
     * {@code PUT|POST /upstreams/{u}/targets/{t}[/{address}]/healthy|unhealthy}: forces the target's health here at
     * once and on every other node after its next poll of the event log; its counters restart from zero.
     *
     * @param address an {@code ip[:port]} below the target, or {@code null} for the whole target
     */
    SetHealth setHealth(String upstream, String target, @Nullable String address, boolean healthy);

    /**
     * A target with its health, as Kong's {@code page_for_upstream_with_health} shows it.
     *
     * @param target the target entity (its fields are shown as by {@code GET .../targets})
     * @param health {@code HEALTHY}, {@code UNHEALTHY}, {@code HEALTHCHECKS_OFF} or {@code DNS_ERROR}
     * @param data Kong's balancer status of the target ({@code host}, {@code port}, {@code dns}, {@code nodeWeight},
     *        {@code weight{total,available,unavailable}}, {@code addresses[{ip,port,weight,health}]}), or empty when
     *        this node's checker does not know the target ({@code DNS_ERROR})
     */
    record TargetHealth(Entity target, String health, Map<String, @Nullable Object> data) {
        public TargetHealth {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(health, "health");
            data = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(data));
        }
    }

    /** The targets of an upstream, in the order {@code GET .../targets} lists them. */
    record UpstreamHealth(UUID upstreamId, List<TargetHealth> targets) {
        public UpstreamHealth {
            Objects.requireNonNull(upstreamId, "upstreamId");
            targets = List.copyOf(targets);
        }
    }

    /**
     * Kong's {@code get_balancer_health}.
     *
     * @param health {@code HEALTHY} / {@code UNHEALTHY} when health checks are in use, else {@code HEALTHCHECKS_OFF}
     * @param balancerHealth {@code HEALTHY} when the available share of the total weight is above the upstream's
     *        {@code healthchecks.threshold} percentage, else {@code UNHEALTHY}
     * @param details {@code healthy}, {@code weight{total,available,unavailable}} and {@code hosts} (each as a
     *        target's {@code data})
     */
    record BalancerHealth(
            UUID upstreamId, String health, String balancerHealth, Map<String, @Nullable Object> details) {
        public BalancerHealth {
            Objects.requireNonNull(upstreamId, "upstreamId");
            details = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(details));
        }
    }

    /**
     * The outcome of {@link #setHealth}.
     *
     * @param status {@link Status#NOT_FOUND} (Kong: 404 {@code Not found}) when the upstream or the target does not
     *        exist, {@link Status#REJECTED} (Kong: 400 with {@code message}) when the upstream has no health checker
     * @param message the error message of a rejection, else {@code null}
     */
    record SetHealth(Status status, @Nullable String message) {
        public static final SetHealth DONE = new SetHealth(Status.DONE, null);
        public static final SetHealth NOT_FOUND = new SetHealth(Status.NOT_FOUND, null);

        public SetHealth {
            Objects.requireNonNull(status, "status");
        }

        /** What happened. */
        public enum Status {
            DONE,
            NOT_FOUND,
            REJECTED
        }
    }
}
