package io.tollgate.domain.service;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import java.util.List;
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
 * @param tls the upstream TLS settings of an {@code https} service ({@link Tls#NONE} when none is set)
 */
public record Service(
        ServiceId id,
        @Nullable String name,
        String protocol,
        String host,
        int port,
        @Nullable String path,
        int retries,
        int connectTimeoutMs,
        int writeTimeoutMs,
        int readTimeoutMs,
        boolean enabled,
        Tls tls)
        implements AggregateRoot<Service, ServiceId> {

    public Service {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
    }

    /**
     * Kong's upstream TLS fields of a service (kong-internals §6.1), as ids: the proxy resolves them to PEM.
     *
     * @param verify {@code tls_verify}, or {@code null} for the node default (off)
     * @param verifyDepth {@code tls_verify_depth} (0-64), or {@code null}
     * @param caCertificates {@code ca_certificates}: ids of {@code ca_certificates} entities, in order
     * @param clientCertificate {@code client_certificate}: the id of a {@code certificates} entity, or {@code null}
     */
    public record Tls(
            @Nullable Boolean verify,
            @Nullable Integer verifyDepth,
            List<UUID> caCertificates,
            @Nullable UUID clientCertificate) {

        /** No TLS setting at all. */
        public static final Tls NONE = new Tls(null, null, List.of(), null);

        public Tls {
            caCertificates = List.copyOf(caCertificates);
        }

        /** Whether every field is unset (Kong's default upstream TLS). */
        public boolean isDefault() {
            return verify == null && verifyDepth == null && caCertificates.isEmpty() && clientCertificate == null;
        }
    }

    /** Reads a validated {@code services} entity. */
    public static Service of(Entity entity) {
        if (entity.schema().kind() != EntityKind.SERVICES) {
            throw new IllegalArgumentException(
                    "not a service: " + entity.schema().name());
        }
        return new Service(
                new ServiceId(entity.id()),
                entity.stringOrNull("name"),
                entity.string("protocol"),
                entity.string("host"),
                intOf(entity, "port"),
                entity.stringOrNull("path"),
                intOf(entity, "retries"),
                intOf(entity, "connect_timeout"),
                intOf(entity, "write_timeout"),
                intOf(entity, "read_timeout"),
                Boolean.TRUE.equals(entity.get("enabled")),
                tlsOf(entity));
    }

    private static Tls tlsOf(Entity entity) {
        Boolean verify = entity.get("tls_verify") instanceof Boolean b ? b : null;
        Integer depth = entity.get("tls_verify_depth") instanceof Number n ? n.intValue() : null;
        List<UUID> cas = entity.get("ca_certificates") instanceof java.util.Collection<?> ids
                ? ids.stream().map(id -> UUID.fromString(id.toString())).toList()
                : List.of();
        UUID client = entity.foreignId("client_certificate").orElse(null);
        return verify == null && depth == null && cas.isEmpty() && client == null
                ? Tls.NONE
                : new Tls(verify, depth, cas, client);
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
