package io.tollgate.domain.plugin;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jmolecules.ddd.types.AggregateRoot;
import org.jspecify.annotations.Nullable;

/**
 * A plugin instance: a bundled plugin's configuration applied globally or scoped to a route, a service, a
 * consumer, or a combination of them.
 *
 * @param config the validated configuration, defaults filled (keys as in Kong's schema)
 */
public record Plugin(
        PluginId id,
        String name,
        @Nullable RouteId route,
        @Nullable ServiceId service,
        @Nullable ConsumerId consumer,
        Map<String, @Nullable Object> config,
        List<String> protocols,
        boolean enabled)
        implements AggregateRoot<Plugin, PluginId> {

    public Plugin {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        protocols = List.copyOf(protocols);
    }

    /** Reads a validated {@code plugins} entity. */
    @SuppressWarnings("unchecked")
    public static Plugin of(Entity entity) {
        if (entity.schema().kind() != EntityKind.PLUGINS) {
            throw new IllegalArgumentException(
                    "not a plugin: " + entity.schema().name());
        }
        return new Plugin(
                new PluginId(entity.id()),
                entity.string("name"),
                entity.foreignId("route").map(RouteId::new).orElse(null),
                entity.foreignId("service").map(ServiceId::new).orElse(null),
                entity.foreignId("consumer").map(ConsumerId::new).orElse(null),
                entity.get("config") instanceof Map<?, ?> m ? (Map<String, @Nullable Object>) m : Map.of(),
                entity.get("protocols") instanceof List<?> l ? (List<String>) l : List.of(),
                Boolean.TRUE.equals(entity.get("enabled")));
    }

    @Override
    public PluginId getId() {
        return id;
    }
}
