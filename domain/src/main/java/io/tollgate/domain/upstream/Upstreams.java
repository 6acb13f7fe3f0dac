package io.tollgate.domain.upstream;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.net.HostAddress;
import io.tollgate.domain.schema.Check;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Match;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code upstreams} schema (kong-internals §6.5): endpoint key {@code name} (a host name: no IP, no port),
 * cache key = primary key. The {@code hash_*} field a hashing mode needs is required when that mode is chosen, and
 * setting {@code hash_on} to anything but {@code none} without an explicit {@code algorithm} selects
 * {@code consistent-hashing} (a shorthand on {@code hash_on} itself). Deleting an upstream cascades its targets.
 */
public final class Upstreams {

    static final List<String> ALGORITHMS = List.of("consistent-hashing", "least-connections", "round-robin", "latency");
    static final List<String> HASH_ON =
            List.of("none", "consumer", "ip", "header", "cookie", "path", "query_arg", "uri_capture");

    /** The schema; endpoint key {@code name}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.UPSTREAMS,
            "name",
            RecordSchema.of(
                            id(),
                            timestamp("created_at"),
                            timestamp("updated_at"),
                            string("name").required().unique().rule(name()),
                            string("algorithm").defaultValue("round-robin").rule(Rules.oneOf(ALGORITHMS.toArray())),
                            string("hash_on").defaultValue("none").rule(Rules.oneOf(HASH_ON.toArray())),
                            string("hash_fallback").defaultValue("none").rule(Rules.oneOf(HASH_ON.toArray())),
                            string("hash_on_header").rule(Rules.headerName()),
                            string("hash_fallback_header").rule(Rules.headerName()),
                            string("hash_on_cookie").rule(cookieName()),
                            string("hash_on_cookie_path").defaultValue("/").rule(Rules.path()),
                            string("hash_on_query_arg"),
                            string("hash_fallback_query_arg"),
                            string("hash_on_uri_capture"),
                            string("hash_fallback_uri_capture"),
                            integer("slots").defaultValue(10000L).rule(Rules.between(10, 65536)),
                            Healthchecks.FIELD,
                            tags(),
                            string("host_header").rule(hostWithOptionalPort()),
                            foreign("client_certificate", EntityKind.CERTIFICATES),
                            bool("use_srv_name").defaultValue(false))
                    .withChecks(hashing()),
            List.of(),
            Map.of("hash_on", Upstreams::expandHashOn));

    private Upstreams() {}

    /** Kong's upstream name check: {@code Invalid name ('x'); must be a valid hostname} (or no IP, no port). */
    static Rule name() {
        return v -> {
            String s = (String) v;
            Optional<HostAddress> address = HostAddress.parse(s);
            if (address.isEmpty()) {
                return Optional.of("Invalid name ('" + s + "'); must be a valid hostname");
            }
            if (address.get().type() != HostAddress.Type.NAME) {
                return Optional.of("Invalid name ('" + s + "'); no ip addresses allowed");
            }
            if (address.get().port() != null) {
                return Optional.of("Invalid name ('" + s + "'); no port allowed");
            }
            return Optional.empty();
        };
    }

    static Rule hostWithOptionalPort() {
        return v -> HostAddress.parse((String) v).isPresent() ? Optional.empty() : Optional.of("invalid value: " + v);
    }

    /** RFC 6265 cookie names: visible ASCII except separators. */
    static Rule cookieName() {
        return v -> ((String) v).matches("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+")
                ? Optional.empty()
                : Optional.of("contains one or more invalid characters. ASCII control characters (0-31;127), "
                        + "space, tab and the characters ()<>@,;:\\\"/?={}[] are not allowed.");
    }

    /** {@code hash_on: x} without {@code algorithm} means {@code consistent-hashing} unless {@code x} is {@code none}. */
    static Map<String, @Nullable Object> expandHashOn(Object value) {
        Map<String, @Nullable Object> out = new HashMap<>();
        out.put("hash_on", value);
        if (value instanceof String s && !s.equals("none") && HASH_ON.contains(s)) {
            out.put("algorithm", "consistent-hashing");
        }
        return out;
    }

    /**
     * Kong's checks between {@code hash_on}, {@code hash_fallback} and their {@code hash_*} fields: the field a mode
     * reads is required, {@code hash_fallback} is {@code none} after {@code none} or {@code cookie} and differs from
     * {@code hash_on} otherwise, and the two headers (query args, URI captures) differ.
     */
    static List<Check> hashing() {
        List<Check> checks = new ArrayList<>();
        for (String mode : List.of("header", "cookie", "query_arg", "uri_capture")) {
            String onField = "hash_on_" + mode;
            String fallbackField = mode.equals("cookie") ? onField : "hash_fallback_" + mode;
            checks.add(Checks.conditional("hash_on", Match.oneOf(List.of(mode)), onField, Match.required()));
            checks.add(
                    Checks.conditional("hash_fallback", Match.oneOf(List.of(mode)), fallbackField, Match.required()));
        }
        for (String on : List.of("none", "cookie")) {
            checks.add(Checks.conditional(
                    "hash_on", Match.oneOf(List.of(on)), "hash_fallback", Match.oneOf(List.of("none"))));
        }
        for (String on : List.of("consumer", "ip", "path")) {
            List<String> others = HASH_ON.stream().filter(m -> !m.equals(on)).toList();
            checks.add(Checks.conditional("hash_on", Match.oneOf(List.of(on)), "hash_fallback", Match.oneOf(others)));
        }
        for (String mode : List.of("header", "query_arg", "uri_capture")) {
            checks.add(Checks.distinct("hash_on_" + mode, "hash_fallback_" + mode));
        }
        return checks;
    }
}
