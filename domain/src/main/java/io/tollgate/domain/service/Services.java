package io.tollgate.domain.service;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.set;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Check;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Match;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Kong's {@code services} schema (kong-internals §6.1), with the {@code url} shorthand. */
public final class Services {

    static final List<String> PROTOCOLS =
            List.of("grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp");
    private static final List<String> NO_PATH = List.of("tcp", "tls", "tls_passthrough", "udp", "grpc", "grpcs");
    private static final List<String> TLS_ONLY = List.of("https", "tls");
    private static final long MAX_TIMEOUT = 2147483646L;

    /** The schema; endpoint key {@code name}, cache key = primary key. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.SERVICES,
            "name",
            RecordSchema.of(
                            id(),
                            timestamp("created_at"),
                            timestamp("updated_at"),
                            string("name").unique().rule(Rules.utf8Name()),
                            integer("retries").defaultValue(5L).rule(Rules.between(0, 32767)),
                            string("protocol").required().defaultValue("http").rule(Rules.oneOf(PROTOCOLS.toArray())),
                            string("host").required().rule(Rules.host()),
                            integer("port").required().defaultValue(80L).rule(Rules.between(0, 65535)),
                            string("path").rule(Rules.path()),
                            integer("connect_timeout").defaultValue(60000L).rule(Rules.between(1, MAX_TIMEOUT)),
                            integer("write_timeout").defaultValue(60000L).rule(Rules.between(1, MAX_TIMEOUT)),
                            integer("read_timeout").defaultValue(60000L).rule(Rules.between(1, MAX_TIMEOUT)),
                            tags(),
                            foreign("client_certificate", EntityKind.CERTIFICATES),
                            bool("tls_verify"),
                            integer("tls_verify_depth").rule(Rules.between(0, 64)),
                            set("ca_certificates", string("ca_certificate").rule(Rules.uuid())),
                            bool("enabled").required().defaultValue(true))
                    .withChecks(checks()),
            List.of(),
            Map.of("url", Services::expandUrl));

    private Services() {}

    /**
     * Kong's conditional checks: no {@code path} for the protocols that have none, and the TLS fields only for
     * {@code https} and {@code tls}.
     */
    private static List<Check> checks() {
        List<Check> checks = new ArrayList<>();
        checks.add(Checks.conditional("protocol", Match.oneOf(NO_PATH), "path", Match.isNull()));
        for (String field : List.of("client_certificate", "tls_verify", "tls_verify_depth", "ca_certificates")) {
            checks.add(Checks.conditional("protocol", Match.notOneOf(TLS_ONLY), field, Match.isNull()));
        }
        return checks;
    }

    /** Kong's {@code url} shorthand ({@link ServiceUrl}); a value that is not a string is {@code expected a string}. */
    static Map<String, @Nullable Object> expandUrl(Object value) {
        if (!(value instanceof String url)) {
            throw SchemaViolation.of("url", "expected a string");
        }
        return ServiceUrl.expand(url);
    }
}
