package io.tollgate.domain.service;

import io.tollgate.domain.entity.Entity;
import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.AggregateRoot;
import org.jspecify.annotations.Nullable;

/**
 * A Kong service: the upstream a route's traffic goes to. The typed view the proxy works with.
 *
 * @param path the base path requests are joined to, or {@code null} for {@code /}
 * @param connectTimeoutMs connect timeout in milliseconds (Kong's {@code connect_timeout})
 * @param writeTimeoutMs write timeout in milliseconds
 * @param readTimeoutMs read timeout in milliseconds
 */
public record Service(ServiceId id, @Nullable String name, String protocol, String host, int port,
                      @Nullable String path, int retries, int connectTimeoutMs, int writeTimeoutMs,
                      int readTimeoutMs, boolean enabled) implements AggregateRoot<Service, ServiceId> {

    public Service {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
    }

    /** Reads a validated {@code services} entity. */
    public static Service of(Entity entity) {
        if (!entity.schema().name().equals("services")) {
            throw new IllegalArgumentException("not a service: " + entity.schema().name());
        }
        return new Service(new ServiceId(entity.id()), entity.stringOrNull("name"), entity.string("protocol"),
                entity.string("host"), intOf(entity, "port"), entity.stringOrNull("path"), intOf(entity, "retries"),
                intOf(entity, "connect_timeout"), intOf(entity, "write_timeout"), intOf(entity, "read_timeout"),
                Boolean.TRUE.equals(entity.get("enabled")));
    }

    static int intOf(Entity entity, String field) {
        return ((Number) Objects.requireNonNull(entity.get(field), field)).intValue();
    }

    @Override
    public ServiceId getId() {
        return id;
    }

    /** The entity id as a UUID. */
    public UUID uuid() {
        return id.value();
    }
}
