package io.tollgate.domain.cache;

import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Derives the {@link InvalidationEvent} of an {@link EntityEvent}, as Kong's {@code runloop/events.lua} does: the
 * cache keys of the new and the old state, {@code router:version} for any route change and for service updates,
 * {@code plugins_iterator:version} for any plugin change. Besides the entity keys ({@link CacheKeys#allOf}, which
 * include {@code snis:<name>} for SNIs), an upstream change also purges Kong's balancer keys
 * {@code balancer:upstreams} and {@code balancer:upstreams:<id>}. Any upstream or target change bumps
 * {@code balancer:version} (the node-wide balancers are rebuilt) and {@code healthchecks:version} (the targets the
 * health checker watches); any certificate or SNI change bumps {@code certificates:version} (the TLS listeners'
 * snapshot of certificates by SNI); CA certificates bump nothing beyond their own keys.
 */
public final class Invalidations {

    private Invalidations() {}

    public static InvalidationEvent of(EntityEvent event, WorkspaceId workspace) {
        Set<CacheKey> keys = new LinkedHashSet<>(CacheKeys.allOf(event.entity(), workspace));
        if (event instanceof EntityUpdated updated) {
            keys.addAll(CacheKeys.allOf(updated.previous(), workspace));
        }
        if (event.entity().schema().name().equals("upstreams")) {
            keys.add(new CacheKey("balancer:upstreams"));
            keys.add(new CacheKey("balancer:upstreams:" + event.entity().id()));
        }
        Set<VersionKey> bumps = EnumSet.noneOf(VersionKey.class);
        switch (event.entity().schema().name()) {
            case "routes" -> bumps.add(VersionKey.ROUTER);
            case "services" -> {
                // Kong bumps on update only; a created service has no route yet, a deleted one had none left.
                if (event instanceof EntityUpdated) {
                    bumps.add(VersionKey.ROUTER);
                }
            }
            case "plugins" -> bumps.add(VersionKey.PLUGINS);
            case "upstreams", "targets" -> {
                bumps.add(VersionKey.BALANCER);
                bumps.add(VersionKey.HEALTHCHECKS);
            }
            case "certificates", "snis" -> bumps.add(VersionKey.CERTIFICATES);
            default -> {}
        }
        assert event instanceof EntityCreated || event instanceof EntityUpdated || event instanceof EntityDeleted;
        return new InvalidationEvent(List.copyOf(keys), bumps);
    }
}
