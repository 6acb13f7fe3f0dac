package io.tollgate.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.OnDelete;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The basic-auth, ACL, JWT and HMAC credential schemas: fields, Kong's messages, cache keys and invalidations. */
class CredentialSchemasTest {

    private final WorkspaceId ws = new WorkspaceId(UUID.fromString("11111111-1111-1111-1111-111111111111"));
    private final String consumer = UUID.randomUUID().toString();

    private Map<String, Object> input(Map<String, Object> fields) {
        Map<String, Object> m = new HashMap<>(fields);
        m.putIfAbsent("id", UUID.randomUUID().toString());
        m.putIfAbsent("consumer", Map.of("id", consumer));
        return m;
    }

    private Entity entity(EntitySchema schema, Map<String, Object> fields) {
        return new Entity(schema, schema.validate(input(fields)));
    }

    private static SchemaViolation violation(EntitySchema schema, Map<String, Object> input) {
        try {
            schema.validate(input);
        } catch (SchemaViolation e) {
            return e;
        }
        throw new AssertionError("no schema violation for " + input);
    }

    @Test
    void every_credential_is_catalogued_after_consumers_and_cascades_with_a_required_consumer() {
        for (EntitySchema schema : new EntitySchema[] {
            BasicAuthCredentials.SCHEMA, Acls.SCHEMA, JwtSecrets.SCHEMA, HmacAuthCredentials.SCHEMA
        }) {
            assertThat(Schemas.ALL.indexOf(schema)).isGreaterThan(Schemas.ALL.indexOf(Consumers.SCHEMA));
            assertThat(Schemas.byName(schema.name())).contains(schema);
            FieldSpec field = schema.field("consumer").orElseThrow();
            assertThat(field.reference()).isEqualTo(io.tollgate.domain.catalog.EntityKind.CONSUMERS);
            assertThat(field.isRequired()).isTrue();
            assertThat(field.onDelete()).isEqualTo(OnDelete.CASCADE);
            assertThat(violation(schema, Map.of("id", UUID.randomUUID().toString()))
                            .fields())
                    .containsEntry("consumer", "required field missing");
        }
    }

    @Test
    void basic_auth_requires_username_and_password_with_kongs_messages() {
        SchemaViolation missing = violation(BasicAuthCredentials.SCHEMA, input(Map.of()));
        assertThat(missing.getMessage())
                .isEqualTo("2 schema violations (password: required field missing; username: required field missing)");
        assertThat(violation(BasicAuthCredentials.SCHEMA, input(Map.of("username", "u", "password", 12)))
                        .fields())
                .isEqualTo(Map.of("password", "expected a string"));
        assertThat(violation(BasicAuthCredentials.SCHEMA, input(Map.of("username", "u", "password", "")))
                        .fields())
                .isEqualTo(Map.of("password", "length must be at least 1"));
        Entity credential = entity(BasicAuthCredentials.SCHEMA, Map.of("username", "alice", "password", "x"));
        assertThat(BasicAuthCredentials.SCHEMA.endpointKey()).isEqualTo("username");
        assertThat(BasicAuthCredentials.SCHEMA.uniqueFields())
                .extracting(FieldSpec::name)
                .containsExactly("username");
        assertThat(CacheKeys.of(credential, ws).value()).isEqualTo("basicauth_credentials:alice:::::" + ws);
    }

    @Test
    void acl_keys_name_the_consumer_and_group_and_any_change_purges_the_consumers_group_list() {
        assertThat(violation(Acls.SCHEMA, input(Map.of())).fields())
                .isEqualTo(Map.of("group", "required field missing"));
        assertThat(violation(Acls.SCHEMA, input(Map.of("group", "g", "name", "x")))
                        .fields())
                .isEqualTo(Map.of("name", "unknown field"));
        assertThat(Acls.SCHEMA.endpointKey()).isNull();
        Entity acl = entity(Acls.SCHEMA, Map.of("group", "admins"));
        assertThat(CacheKeys.of(acl, ws).value()).isEqualTo("acls:" + consumer + ":admins::::" + ws);
        assertThat(CacheKeys.allOf(acl, ws))
                .extracting(k -> k.value())
                .containsExactly("acls:" + consumer + ":admins::::" + ws, "acls:" + consumer + ":::::" + ws);

        String other = UUID.randomUUID().toString();
        Entity moved =
                entity(Acls.SCHEMA, Map.of("id", acl.id().toString(), "group", "ops", "consumer", Map.of("id", other)));
        assertThat(Invalidations.of(new EntityUpdated(moved, acl), ws).cacheKeys())
                .extracting(k -> k.value())
                .containsExactlyInAnyOrder(
                        "acls:" + other + ":ops::::" + ws,
                        "acls:" + other + ":::::" + ws,
                        "acls:" + consumer + ":admins::::" + ws,
                        "acls:" + consumer + ":::::" + ws);
    }

    @Test
    void jwt_defaults_to_hs256_and_keys_by_key() {
        Entity jwt = entity(JwtSecrets.SCHEMA, Map.of("key", "issuer-1", "secret", "s"));
        assertThat(jwt.get("algorithm")).isEqualTo("HS256");
        assertThat(jwt.get("rsa_public_key")).isNull();
        assertThat(CacheKeys.of(jwt, ws).value()).isEqualTo("jwt_secrets:issuer-1:::::" + ws);
        assertThat(JwtSecrets.SCHEMA.field("key").orElseThrow().isAuto()).isTrue();
        assertThat(JwtSecrets.SCHEMA.field("secret").orElseThrow().isAuto()).isTrue();
        assertThat(violation(JwtSecrets.SCHEMA, input(Map.of("key", "k", "algorithm", "HS1024")))
                        .getMessage())
                .isEqualTo("schema violation (algorithm: expected one of: HS256, HS384, HS512, RS256, RS384, RS512, "
                        + "ES256, ES384, ES512, PS256, PS384, PS512, EdDSA)");
    }

    @Test
    void hmac_requires_a_unique_username_and_generates_its_secret() {
        assertThat(violation(HmacAuthCredentials.SCHEMA, input(Map.of())).fields())
                .isEqualTo(Map.of("username", "required field missing"));
        Entity hmac = entity(HmacAuthCredentials.SCHEMA, Map.of("username", "bob", "secret", "shh"));
        assertThat(CacheKeys.of(hmac, ws).value()).isEqualTo("hmacauth_credentials:bob:::::" + ws);
        assertThat(HmacAuthCredentials.SCHEMA.endpointKey()).isEqualTo("username");
        assertThat(HmacAuthCredentials.SCHEMA.field("secret").orElseThrow().isAuto())
                .isTrue();
        assertThatThrownBy(() -> HmacAuthCredentials.SCHEMA.validate(input(Map.of("username", "bob", "secret", 1))))
                .isInstanceOf(SchemaViolation.class)
                .hasMessage("schema violation (secret: expected a string)");
    }

    @Test
    void a_basic_auth_update_naming_a_consumer_id_must_carry_the_password() {
        assertThatThrownBy(() -> BasicAuthCredentials.checkUpdate(Map.of("consumer", Map.of("id", consumer))))
                .isInstanceOf(SchemaViolation.class)
                .hasMessage("schema violation (all or none of these fields must be set: 'password', 'consumer.id')");
        BasicAuthCredentials.checkUpdate(Map.of("consumer", Map.of("id", consumer), "password", "p"));
        BasicAuthCredentials.checkUpdate(Map.of("password", "p"));
        BasicAuthCredentials.checkUpdate(Map.of("username", "bob"));
    }
}
