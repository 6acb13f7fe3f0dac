package io.tollgate.domain.event;

import io.tollgate.domain.upstream.TargetId;
import io.tollgate.domain.upstream.UpstreamId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An operator forced a target healthy or unhealthy through the Admin API ({@code PUT|POST
 * /upstreams/{u}/targets/{t}/healthy|unhealthy}, kong-internals §8.7). Kong broadcasts it on the
 * {@code balancer:post_health} cluster channel; Tollgate appends it to the event log so every node's health checker
 * applies it. It changes no entity and invalidates no cache key.
 *
 * @param upstream the target's upstream
 * @param target the target's id
 * @param address the target in Kong's {@code host:port} notation
 * @param ip the address below the target ({@code .../{address}/healthy}), or {@code null} for the whole target
 * @param healthy {@code true} for {@code healthy}, {@code false} for {@code unhealthy}
 */
public record TargetHealthForced(
        UpstreamId upstream,
        TargetId target,
        String address,
        @Nullable String ip,
        boolean healthy) implements ClusterEvent {
    public TargetHealthForced {
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(address, "address");
    }
}
