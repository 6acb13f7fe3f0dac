package io.tollgate.domain.certificate;

import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Errors;
import io.tollgate.domain.schema.RecordSchema;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code ca_certificates} schema (kong-internals §6.9): exactly one PEM certificate ({@code cert}) that has
 * the CA basic constraint and is not expired, and its {@code cert_digest} (lower-case hex SHA-256 of the DER
 * certificate, unique), which the server always computes from {@code cert}: a shorthand on {@code cert} sets it and
 * one on {@code cert_digest} drops whatever the client sent. Not workspaceable: its cache keys end with an empty
 * workspace ({@code ca_certificates:<id>:::::}).
 */
public final class CaCertificates {

    /** The schema, checking expiry against the system clock; no endpoint key, cache key = primary key. */
    public static final EntitySchema SCHEMA = schema(Clock.systemUTC());

    private CaCertificates() {}

    /** The schema with expiry checked against {@code clock} (tests). */
    public static EntitySchema schema(Clock clock) {
        return new EntitySchema(
                EntityKind.CA_CERTIFICATES,
                null,
                RecordSchema.of(
                                id(),
                                timestamp("created_at"),
                                timestamp("updated_at"),
                                string("cert").required().rule(Certificates.certificate()),
                                string("cert_digest").unique(),
                                tags())
                        .withCheck(Checks.custom(List.of("cert"), (v, errors) -> check(v, errors, clock))),
                List.of(),
                Map.of("cert", CaCertificates::expandCert, "cert_digest", value -> Map.of()));
    }

    static Map<String, @Nullable Object> expandCert(Object value) {
        Map<String, @Nullable Object> out = new HashMap<>();
        out.put("cert", value);
        if (value instanceof String pem) {
            Pem.certificate(pem).ifPresent(c -> out.put("cert_digest", Pem.sha256Hex(c)));
        }
        return out;
    }

    static void check(Map<String, @Nullable Object> v, Errors errors, Clock clock) {
        List<X509Certificate> certificates = Pem.certificates((String) v.get("cert"));
        if (certificates.size() != 1) {
            errors.entity("please submit only one certificate at a time");
            return;
        }
        X509Certificate cert = certificates.get(0);
        if (cert.getNotAfter().toInstant().isBefore(clock.instant())) {
            errors.entity("certificate expired, \"Not After\" time is in the past");
            return;
        }
        if (cert.getBasicConstraints() < 0) {
            errors.entity("certificate does not appear to be a CA because it is missing the \"CA\" basic constraint");
        }
    }
}
