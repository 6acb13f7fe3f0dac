package io.tollgate.domain.upstream;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.map;
import static io.tollgate.domain.schema.Fields.number;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.List;

/**
 * The {@code healthchecks} record of an upstream with Kong's defaults (kong-internals §8.7): {@code active} probes,
 * {@code passive} observation of proxied traffic, and the {@code threshold} (percentage of total weight that must be
 * healthy). Intervals are seconds (numbers), {@code timeout} seconds; a zero interval or counter disables that part.
 */
public final class Healthchecks {

    private static final List<String> TYPES = List.of("tcp", "http", "https", "grpc", "grpcs");
    private static final long MAX_INT = 2147483648L;

    static final List<Long> ACTIVE_HEALTHY = List.of(200L, 302L);
    static final List<Long> ACTIVE_UNHEALTHY = List.of(429L, 404L, 500L, 501L, 502L, 503L, 504L, 505L);
    static final List<Long> PASSIVE_HEALTHY = List.of(
            200L, 201L, 202L, 203L, 204L, 205L, 206L, 207L, 208L, 226L, 300L, 301L, 302L, 303L, 304L, 305L, 306L, 307L,
            308L);
    static final List<Long> PASSIVE_UNHEALTHY = List.of(429L, 500L, 503L);

    /** The {@code healthchecks} field of the upstreams schema. */
    public static final FieldSpec FIELD = record(
            "healthchecks",
            RecordSchema.of(
                    record(
                            "active",
                            RecordSchema.of(
                                    string("type").defaultValue("http").rule(Rules.oneOf(TYPES.toArray())),
                                    number("timeout").defaultValue(1.0).rule(Rules.between(0, 65535)),
                                    integer("concurrency").defaultValue(10L).rule(Rules.between(1, MAX_INT)),
                                    string("http_path").defaultValue("/").rule(Rules.path()),
                                    string("https_sni").rule(Rules.sni()),
                                    bool("https_verify_certificate").defaultValue(true),
                                    map("headers", array("values", string("value"))),
                                    record(
                                            "healthy",
                                            RecordSchema.of(
                                                    interval(), statuses(ACTIVE_HEALTHY), counter("successes"))),
                                    record(
                                            "unhealthy",
                                            RecordSchema.of(
                                                    interval(),
                                                    statuses(ACTIVE_UNHEALTHY),
                                                    counter("tcp_failures"),
                                                    counter("timeouts"),
                                                    counter("http_failures"))))),
                    record(
                            "passive",
                            RecordSchema.of(
                                    string("type").defaultValue("http").rule(Rules.oneOf(TYPES.toArray())),
                                    record("healthy", RecordSchema.of(statuses(PASSIVE_HEALTHY), counter("successes"))),
                                    record(
                                            "unhealthy",
                                            RecordSchema.of(
                                                    statuses(PASSIVE_UNHEALTHY),
                                                    counter("tcp_failures"),
                                                    counter("timeouts"),
                                                    counter("http_failures"))))),
                    number("threshold").defaultValue(0.0).rule(Rules.between(0, 100))));

    private Healthchecks() {}

    private static FieldSpec interval() {
        return number("interval").defaultValue(0.0).rule(Rules.between(0, 65535));
    }

    private static FieldSpec counter(String name) {
        return integer(name).defaultValue(0L).rule(Rules.between(0, 255));
    }

    private static FieldSpec statuses(List<Long> defaults) {
        return array("http_statuses", integer("http_status").rule(Rules.between(100, 999)))
                .defaultValue(defaults);
    }
}
