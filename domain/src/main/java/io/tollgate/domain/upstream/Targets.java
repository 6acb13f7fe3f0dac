package io.tollgate.domain.upstream;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kong's {@code targets} schema (kong-internals §6.6): endpoint key {@code target}, cache key
 * {@code upstream, target} ({@code targets:<upstream_id>:<host:port>::::<ws>}, unique, so an upstream holds a target
 * once). {@code target} is normalised to {@code host:port} (port 8000 when omitted, IPv6 as {@code [::1]:8000}) by a
 * shorthand on the field itself. Unlike other entities, {@code created_at} and {@code updated_at} are seconds with a
 * millisecond fraction (Kong's {@code auto_timestamp_ms}). Only reachable below an upstream in the Admin API.
 */
public final class Targets {

    /** The port of a target given without one. */
    public static final int DEFAULT_PORT = 8000;

    /** The schema; endpoint key {@code target} (unique per upstream only). */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.TARGETS,
            "target",
            RecordSchema.of(
                    id(),
                    number("created_at").auto(),
                    number("updated_at").auto(),
                    foreign("upstream", EntityKind.UPSTREAMS).required().cascade(),
                    string("target").required().rule(target()),
                    integer("weight").defaultValue(100L).rule(Rules.between(0, 65535)),
                    tags()),
            List.of("upstream", "target"),
            Map.of("target", Targets::expandTarget));

    private Targets() {}

    /**
     * The stored form of a target: {@code host:port}, port {@value #DEFAULT_PORT} when absent, IPv6 in brackets.
     *
     * @return empty when {@code target} is not a host name or IP literal with an optional valid port
     */
    public static Optional<String> normalise(String target) {
        return HostAddress.parse(target).map(a -> a.format(DEFAULT_PORT));
    }

    static Rule target() {
        return v -> HostAddress.parse((String) v).isPresent()
                ? Optional.empty()
                : Optional.of("Invalid target ('" + v + "'); not a valid hostname or ip address");
    }

    static Map<String, Object> expandTarget(Object value) {
        if (value instanceof String s) {
            return Map.of("target", normalise(s).orElse(s));
        }
        return Map.of("target", value);
    }
}
