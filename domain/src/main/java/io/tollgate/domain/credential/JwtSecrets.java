package io.tollgate.domain.credential;

import static io.tollgate.domain.schema.Fields.foreign;
import static io.tollgate.domain.schema.Fields.id;
import static io.tollgate.domain.schema.Fields.string;
import static io.tollgate.domain.schema.Fields.tags;
import static io.tollgate.domain.schema.Fields.timestamp;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.schema.Checks;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kong's {@code jwt_secrets} schema: Admin API {@code /jwts}, nested {@code /consumers/{c}/jwt}, endpoint key and
 * cache key {@code key} ({@code jwt_secrets:<key>:::::<ws>}, the {@code iss} claim the jwt plugin looks up).
 * {@code key} and {@code secret} are generated when absent; {@code algorithm} defaults to {@code HS256}.
 *
 * <p>For the asymmetric algorithms (RS*, PS*, ES*, EdDSA) {@code rsa_public_key} is required and must be a PEM
 * public key (see {@link PublicKeys}); a missing one fails as Kong's conditional check does, with
 * {@code "failed conditional validation given value of field 'algorithm'"} under {@code @entity} and the field's own
 * message ({@code required field missing} or {@code invalid key}). Beyond Kong, the key must also suit the
 * algorithm (an RSA key for RS256, a P-256 key for ES256, …), so a credential that can never verify a token is
 * refused when it is written rather than at the first request.
 */
public final class JwtSecrets {

    /** Kong 3.x's algorithms, in its order. */
    public static final List<String> ALGORITHMS = List.of(
            "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512",
            "EdDSA");

    /** The schema; endpoint key {@code key}, cache key {@code key}. */
    public static final EntitySchema SCHEMA = new EntitySchema(
            EntityKind.JWT_SECRETS,
            "key",
            RecordSchema.of(
                            id(),
                            timestamp("created_at"),
                            foreign("consumer", EntityKind.CONSUMERS).required().cascade(),
                            string("key").unique().auto(),
                            string("secret").auto().secret(),
                            string("rsa_public_key"),
                            string("algorithm").defaultValue("HS256").rule(Rules.oneOf(ALGORITHMS.toArray())),
                            tags())
                    .withCheck(Checks.custom(List.of("algorithm", "rsa_public_key"), (values, errors) -> {
                        String algorithm = (String) values.get("algorithm");
                        if (algorithm == null || algorithm.startsWith("HS")) {
                            return;
                        }
                        Object key = values.get("rsa_public_key");
                        Optional<String> problem = key == null
                                ? Optional.of("required field missing")
                                : PublicKeys.checkFor(algorithm, (String) key);
                        if (problem.isPresent()) {
                            errors.field("rsa_public_key", problem.get());
                            errors.entity("failed conditional validation given value of field 'algorithm'");
                        }
                    })),
            List.of("key"),
            Map.of());

    private JwtSecrets() {}
}
