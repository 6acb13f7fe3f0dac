package io.tollgate.domain.route;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.map;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.set;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Errors;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code routes} schema (kong-internals §6.2) for the {@code traditional_compatible} router. {@code sources}
 * and {@code destinations} (Kong's stream-route fields: sets of {@code {ip, port}}, default {@code null}) are accepted
 * and stored as Kong validates them; the router does not match on them yet.
 */
public final class Routes {

    /** Kong's {@code sources}/{@code destinations} element: {@code ip} (IP or CIDR) and/or {@code port}. */
    private static final RecordSchema ENDPOINT = RecordSchema.of(
                    string("ip").rule(Rules.ipOrCidr()), integer("port").rule(Rules.between(0, 65535)))
            .withCheck(Checks.atLeastOneOf("ip", "port"));

    /** The schema; endpoint key {@code name}, cache key = primary key. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.ROUTES,
            "name",
            RecordSchema.of(
                            id(),
                            timestamp("created_at"),
                            timestamp("updated_at"),
                            string("name").unique().rule(Rules.utf8Name()),
                            set(
                                            "protocols",
                                            string("protocol")
                                                    .rule(Rules.oneOf(
                                                            "grpc",
                                                            "grpcs",
                                                            "http",
                                                            "https",
                                                            "tcp",
                                                            "tls",
                                                            "tls_passthrough",
                                                            "udp")))
                                    .required()
                                    .defaultValue(List.of("http", "https"))
                                    .rule(Rules.mutuallyExclusiveSubsets(RouteProtocols.EXCLUSIVE_SUBSETS)),
                            set("methods", string("method").rule(Rules.uppercase())),
                            array("hosts", string("host").rule(Rules.wildcardHost())),
                            array("paths", string("path").rule(Rules.routePath())),
                            map("headers", array("values", string("value"))),
                            integer("https_redirect_status_code")
                                    .required()
                                    .defaultValue(426L)
                                    .rule(Rules.oneOf(426L, 301L, 302L, 307L, 308L)),
                            integer("regex_priority").defaultValue(0L),
                            bool("strip_path").required().defaultValue(true),
                            string("path_handling").defaultValue("v0").rule(Rules.oneOf("v0", "v1")),
                            bool("preserve_host").required().defaultValue(false),
                            bool("request_buffering").required().defaultValue(true),
                            bool("response_buffering").required().defaultValue(true),
                            set("snis", string("sni").rule(Rules.wildcardSni())),
                            set("sources", record("source", ENDPOINT)),
                            set("destinations", record("destination", ENDPOINT)),
                            foreign("service", EntityKind.SERVICES),
                            tags())
                    .withCheck(Checks.custom(
                            List.of(
                                    "protocols",
                                    "methods",
                                    "hosts",
                                    "headers",
                                    "paths",
                                    "snis",
                                    "sources",
                                    "destinations",
                                    "strip_path"),
                            Routes::checkProtocols)),
            List.of(),
            Map.of("protocols", RouteProtocols::expandProtocols));

    private Routes() {}

    private static void checkProtocols(Map<String, @Nullable Object> v, Errors errors) {
        @SuppressWarnings("unchecked")
        List<String> protocols = (List<String>) v.getOrDefault("protocols", List.of());
        if (protocols.isEmpty()) {
            errors.field("protocols", "length must be at least 1");
            return;
        }
        if (v.get("headers") instanceof Map<?, ?> headers
                && headers.keySet().stream().anyMatch(k -> "host".equalsIgnoreCase(String.valueOf(k)))) {
            errors.field("headers", "cannot contain 'host' header, which must be specified in the 'hosts' attribute");
        }
        RouteProtocols.check(protocols, v, errors);
        if (!isEmpty(v, "snis")
                && protocols.stream()
                        .noneMatch(p -> p.equals("https")
                                || p.equals("grpcs")
                                || p.equals("tls")
                                || p.equals("tls_passthrough"))) {
            // Kong's conditional entity check: the field gets the then_match message, the entity the then_err
            errors.field("snis", "length must be 0");
            errors.entity("'snis' can only be set when 'protocols' is 'grpcs', 'https', 'tls' or 'tls_passthrough'");
        }
    }

    private static boolean isEmpty(Map<String, @Nullable Object> v, String field) {
        return RouteProtocols.isEmpty(v, field);
    }
}
