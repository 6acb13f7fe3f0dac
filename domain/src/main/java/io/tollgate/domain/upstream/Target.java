package io.tollgate.domain.upstream;

import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.net.HostAddress;
import java.util.Objects;
import org.jmolecules.ddd.types.AggregateRoot;

/**
 * A Kong target: one weighted address of an {@link Upstream}. The typed view a load balancer works with.
 *
 * @param host the host name or IP literal (IPv6 without brackets)
 * @param port the port (8000 when the target was given without one)
 * @param weight the share of traffic, 0–65535; 0 takes the target out of rotation
 */
public record Target(TargetId id, UpstreamId upstream, String host, int port, int weight)
        implements AggregateRoot<Target, TargetId> {

    public Target {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(upstream, "upstream");
        Objects.requireNonNull(host, "host");
    }

    /** Reads a validated {@code targets} entity. */
    public static Target of(Entity entity) {
        if (!entity.schema().name().equals(Targets.SCHEMA.name())) {
            throw new IllegalArgumentException(
                    "not a target: " + entity.schema().name());
        }
        HostAddress address = HostAddress.parse(entity.string("target"))
                .orElseThrow(() -> new IllegalArgumentException("invalid stored target: " + entity.get("target")));
        return new Target(
                new TargetId(entity.id()),
                new UpstreamId(entity.foreignId("upstream").orElseThrow()),
                address.host(),
                address.port() == null ? Targets.DEFAULT_PORT : address.port(),
                entity.get("weight") instanceof Number n ? n.intValue() : 100);
    }

    @Override
    public TargetId getId() {
        return id;
    }
}
