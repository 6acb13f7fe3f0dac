package io.tollgate.application.admin;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.key.Jwks;
import io.tollgate.domain.key.Keys;
import io.tollgate.domain.shared.SchemaViolation;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Kong's check of a {@code keys} entity's {@code jwk} (a JSON string): parsed with the node's {@link JsonCodec},
 * then checked by {@link Jwks#problem}; a failure is Kong's 400 schema violation with the message under
 * {@code @entity} ({@code could not json decode jwk string}, {@code kid in jwk.kid must be equal to keys.kid},
 * {@code could not load JWK, likely not a valid key}, or the JWK's member errors). A {@code {vault://…}} reference is
 * not checked, as in Kong. Applied to validated entities of every schema; only keys are looked at.
 */
final class JwkCheck {

    private final JsonCodec json;

    JwkCheck(JsonCodec json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    /**
     * @return {@code validated}, unchanged
     * @throws SchemaViolation when it is a key whose {@code jwk} Kong would refuse
     */
    Entity check(Entity validated) {
        if (validated.schema().name().equals(Keys.SCHEMA.name())) {
            Jwks.checkKey(validated.fields(), text -> json.read(text.getBytes(StandardCharsets.UTF_8)));
        }
        return validated;
    }
}
