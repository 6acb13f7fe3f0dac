package io.tollgate.domain.key;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.record;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.Errors;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong 3.x's {@code keys} schema: a JWK (a JSON string) or a PEM key pair ({@code pem.private_key},
 * {@code pem.public_key}), exactly one of the two, identified by {@code kid} and optionally placed in a key set
 * ({@code set}, deleted with it; {@code /key-sets/{set}/keys}). Admin API {@code /keys}, endpoint key {@code name};
 * cache key {@code kid} + {@code set}. Kong's checks and messages: not both, not neither; a PEM record needs one of
 * its keys, each a PEM key ({@link PemKeys}). The JWK's own checks (JSON, {@code kid} equal to the key's, a
 * loadable key of a known {@code kty}: {@link Jwks#problem}) need a JSON parser, so the application runs them on
 * Admin API writes and imports. The key material is a secret (redacted in the configuration history). As in Kong,
 * {@code jwk}, {@code pem.private_key} and {@code pem.public_key} are referenceable: a {@code {vault://…}} reference
 * is stored as given and not checked (nothing in the proxy reads keys yet, so it is never resolved).
 */
public final class Keys {

    static final String BOTH = "only one or none of these fields must be set: 'jwk', 'pem'";
    static final String NEITHER = "at least one of these fields must be non-empty: 'jwk', 'pem'";

    /** The schema; endpoint key {@code name}, cache key {@code kid} and {@code set}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.KEYS,
            "name",
            RecordSchema.of(
                            id(),
                            foreign("set", EntityKind.KEY_SETS).cascade(),
                            string("name").unique(),
                            string("kid").required(),
                            string("jwk").secret().referenceable(),
                            record(
                                            "pem",
                                            RecordSchema.of(
                                                    string("private_key")
                                                            .secret()
                                                            .referenceable(),
                                                    string("public_key").referenceable()))
                                    .defaultValue(null),
                            tags(),
                            timestamp("created_at"),
                            timestamp("updated_at"))
                    .withCheck(Checks.mutuallyExclusive("jwk", "pem"))
                    .withCheck(Checks.atLeastOneOf("jwk", "pem"))
                    .withCheck(Checks.custom(List.of("jwk", "pem", "kid"), Keys::check)),
            List.of("kid", "set"),
            Map.of());

    private Keys() {}

    static void check(Map<String, @Nullable Object> key, Errors errors) {
        Object jwk = key.get("jwk");
        Object pem = key.get("pem");
        if (jwk != null && pem != null) {
            return; // mutually_exclusive reports it
        }
        if (pem instanceof Map<?, ?> pair
                && !pair.isEmpty()) { // a JWK is stored as sent: its JSON is not validated yet
            String problem = PemKeys.problem(pair);
            if (problem != null) {
                errors.entity(problem);
            }
        }
    }
}
