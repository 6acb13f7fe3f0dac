package io.tollgate.domain.upstream;

import io.tollgate.domain.entity.Entity;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jmolecules.ddd.types.AggregateRoot;
import org.jspecify.annotations.Nullable;

/**
 * A Kong upstream: a virtual host name whose traffic the balancer spreads over its {@link Target}s. The typed view a
 * load balancer works with.
 *
 * @param name the host name a service's {@code host} must equal to use this upstream
 * @param algorithm {@code round-robin}, {@code consistent-hashing}, {@code least-connections} or {@code latency}
 * @param hashOn what consistent hashing hashes ({@code none}, {@code consumer}, {@code ip}, {@code header}, …)
 * @param hashFallback what it hashes when {@code hashOn} yields nothing
 * @param hashParameters the set {@code hash_*} fields by name (e.g. {@code hash_on_header → x-user})
 * @param slots the size of the consistent-hashing ring, 10–65536
 * @param hostHeader the {@code Host} to send upstream, or {@code null} for the default
 * @param healthchecks the validated {@code healthchecks} record (seconds for intervals and timeouts)
 * @param clientCertificate {@code client_certificate}: the id of the {@code certificates} entity presented to
 *     {@code https} targets when the service sets none, or {@code null}
 */
public record Upstream(
        UpstreamId id,
        String name,
        String algorithm,
        String hashOn,
        String hashFallback,
        Map<String, String> hashParameters,
        int slots,
        @Nullable String hostHeader,
        boolean useSrvName,
        Map<String, @Nullable Object> healthchecks,
        @Nullable UUID clientCertificate)
        implements AggregateRoot<Upstream, UpstreamId> {

    public Upstream {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hashOn, "hashOn");
        Objects.requireNonNull(hashFallback, "hashFallback");
        hashParameters = Map.copyOf(hashParameters);
        healthchecks = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(healthchecks));
    }

    /** Reads a validated {@code upstreams} entity. */
    @SuppressWarnings("unchecked")
    public static Upstream of(Entity entity) {
        if (!entity.schema().name().equals(Upstreams.SCHEMA.name())) {
            throw new IllegalArgumentException(
                    "not an upstream: " + entity.schema().name());
        }
        Map<String, String> hash = new java.util.TreeMap<>();
        entity.fields().forEach((field, value) -> {
            if (field.startsWith("hash_")
                    && !field.equals("hash_on")
                    && !field.equals("hash_fallback")
                    && value instanceof String s) {
                hash.put(field, s);
            }
        });
        return new Upstream(
                new UpstreamId(entity.id()),
                entity.string("name"),
                Objects.requireNonNullElse(entity.stringOrNull("algorithm"), "round-robin"),
                Objects.requireNonNullElse(entity.stringOrNull("hash_on"), "none"),
                Objects.requireNonNullElse(entity.stringOrNull("hash_fallback"), "none"),
                hash,
                entity.get("slots") instanceof Number n ? n.intValue() : 10000,
                entity.stringOrNull("host_header"),
                Boolean.TRUE.equals(entity.get("use_srv_name")),
                entity.get("healthchecks") instanceof Map<?, ?> m ? (Map<String, @Nullable Object>) m : Map.of(),
                entity.foreignId("client_certificate").orElse(null));
    }

    @Override
    public UpstreamId getId() {
        return id;
    }
}
