package io.tollgate.domain.certificate;

import static io.tollgate.domain.schema.Fields.array;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.credential.PublicKeys;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Errors;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import io.tollgate.domain.schema.Rules;
import io.tollgate.domain.schema.VaultReference;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code certificates} schema (kong-internals §6.7): a PEM {@code cert} and its {@code key}, optionally a
 * second pair ({@code cert_alt}, {@code key_alt}) of another key type (RSA and ECDSA). No endpoint key: only ids
 * address a certificate. {@code snis} is transient: it is never stored with the certificate; writes that carry it
 * replace the certificate's {@code snis} rows ({@code null} removes them all) and reads list them, sorted.
 * {@code cert}, {@code key}, {@code cert_alt} and {@code key_alt} are referenceable (Kong 3.x): a
 * {@code {vault://…}} reference is stored as written and the pair checks are skipped for a pair with a reference.
 */
public final class Certificates {

    /** The transient field that stands for the certificate's SNI rows. */
    public static final String SNIS = "snis";

    /** The schema; no endpoint key, cache key = primary key. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.CERTIFICATES,
            null,
            RecordSchema.of(
                            id(),
                            timestamp("created_at"),
                            timestamp("updated_at"),
                            string("cert").required().rule(certificate()).referenceable(),
                            string("key").required().rule(key()).secret().referenceable(),
                            string("cert_alt").rule(certificate()).referenceable(),
                            string("key_alt").rule(key()).secret().referenceable(),
                            tags(),
                            array(SNIS, string("sni").rule(Rules.wildcardSni())))
                    .withCheck(Checks.custom(List.of("cert", "key", "cert_alt", "key_alt"), Certificates::pairs))
                    .withCheck(Checks.custom(List.of(SNIS), Certificates::distinctSnis)),
            List.of(),
            Map.of());

    /** The PEM fields, each of which may be a vault reference ({@code {vault://env/CERT}}). */
    public static final List<String> PEM_FIELDS = List.of("cert", "key", "cert_alt", "key_alt");

    private Certificates() {}

    /** The SNI names a write asks for, sorted, or empty for {@code snis: null}. */
    @SuppressWarnings("unchecked")
    public static List<String> sniNames(Map<String, ? extends @Nullable Object> validated) {
        return validated.get(SNIS) instanceof List<?> names
                ? ((List<String>) names).stream().sorted().toList()
                : List.of();
    }

    static Rule certificate() {
        return v -> Pem.certificate((String) v).isPresent()
                ? Optional.empty()
                : Optional.of("invalid certificate: not a PEM-encoded X.509 certificate");
    }

    /** Kong's {@code key} typedef: a PEM key it can load, private or public (the pair check wants a private one). */
    static Rule key() {
        return v -> Pem.isPrivateKey((String) v) || PublicKeys.parse((String) v).isPresent()
                ? Optional.empty()
                : Optional.of("invalid key: not a PEM-encoded unencrypted private or public key");
    }

    static void pairs(Map<String, @Nullable Object> v, Errors errors) {
        if ((v.get("cert_alt") == null) != (v.get("key_alt") == null)) {
            errors.entity("all or none of these fields must be set: 'cert_alt', 'key_alt'");
            return;
        }
        if (PEM_FIELDS.stream().anyMatch(name -> VaultReference.isReference(v.get(name)))) {
            return; // as Kong: a pair with a vault reference is checked when it is resolved, not on write
        }
        X509Certificate cert = Pem.certificate((String) v.get("cert")).orElseThrow();
        if (!matches(cert, (String) v.get("key"))) {
            errors.entity("certificate does not match key");
        }
        if (v.get("cert_alt") instanceof String certAltPem && v.get("key_alt") instanceof String keyAlt) {
            X509Certificate certAlt = Pem.certificate(certAltPem).orElseThrow();
            if (!matches(certAlt, keyAlt)) {
                errors.entity("alternative certificate does not match key");
            }
            if (cert.getPublicKey().getAlgorithm().equals(certAlt.getPublicKey().getAlgorithm())) {
                errors.entity("certificate and alternative certificate need to have different type (e.g. RSA and "
                        + "ECDSA), the provided certificates were both of the same type");
            }
        }
    }

    private static boolean matches(X509Certificate cert, String keyPem) {
        Optional<PrivateKey> key = Pem.privateKey(keyPem, cert.getPublicKey());
        return key.isPresent() && Pem.matches(cert, key.get());
    }

    static void distinctSnis(Map<String, @Nullable Object> v, Errors errors) {
        if (v.get(SNIS) instanceof List<?> names) {
            Set<Object> seen = new HashSet<>();
            for (Object name : names) {
                if (!seen.add(name)) {
                    errors.field(SNIS, name + " is duplicated"); // Kong's certificates DAO message
                    return;
                }
            }
        }
    }
}
