package io.tollgate.domain.catalog.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.service.Services;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** {@link Schemas#redacted}: the catalogue's secrets, marked in the schemas, and plugins' subschemas. */
class SchemasRedactionTest {

    private static final Map<String, Object> CONSUMER =
            Map.of("id", UUID.randomUUID().toString());

    private static String pem(String name) {
        return io.tollgate.domain.testing.PemFixtures.pem(name);
    }

    private static Entity entity(EntitySchema schema, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.putIfAbsent("id", UUID.randomUUID().toString());
        return new Entity(schema, schema.validate(input));
    }

    @Test
    void the_catalogue_marks_credential_secrets_and_private_keys_and_nothing_else() {
        Map<String, List<String>> secret = new LinkedHashMap<>();
        for (EntitySchema schema : Schemas.ALL) {
            List<String> names = schema.fields().stream()
                    .filter(FieldSpec::isSecret)
                    .map(FieldSpec::name)
                    .toList();
            if (!names.isEmpty()) {
                secret.put(schema.name(), names);
            }
        }
        assertThat(secret)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        EntityKind.CERTIFICATES.kongName(), List.of("key", "key_alt"),
                        EntityKind.KEYAUTH_CREDENTIALS.kongName(), List.of("key"),
                        EntityKind.BASICAUTH_CREDENTIALS.kongName(), List.of("password"),
                        EntityKind.JWT_SECRETS.kongName(), List.of("secret"),
                        EntityKind.HMACAUTH_CREDENTIALS.kongName(), List.of("secret"),
                        EntityKind.KEYS.kongName(), List.of("jwk")));
    }

    @Test
    void credentials_show_their_secrets_redacted_and_everything_else_as_stored() {
        Entity key =
                entity(KeyAuthCredentials.SCHEMA, Map.of("key", "k-1", "consumer", CONSUMER, "tags", List.of("t")));
        Map<String, @Nullable Object> shown = Schemas.redacted(key);
        assertThat(shown).containsEntry("key", "******").containsEntry("tags", List.of("t"));
        assertThat(shown).containsEntry("consumer", key.get("consumer")).containsEntry("id", key.get("id"));

        Entity basic = entity(
                BasicAuthCredentials.SCHEMA, Map.of("username", "u", "password", "$hash$", "consumer", CONSUMER));
        assertThat(Schemas.redacted(basic)).containsEntry("password", "******").containsEntry("username", "u");
        Entity jwt = entity(JwtSecrets.SCHEMA, Map.of("key", "iss", "secret", "jwt-secret", "consumer", CONSUMER));
        assertThat(Schemas.redacted(jwt)).containsEntry("secret", "******").containsEntry("key", "iss");
        Entity hmac = entity(
                HmacAuthCredentials.SCHEMA, Map.of("username", "h", "secret", "hmac-secret", "consumer", CONSUMER));
        assertThat(Schemas.redacted(hmac)).containsEntry("secret", "******");
    }

    @Test
    void a_certificate_shows_its_certificates_but_not_its_private_keys() {
        Entity cert = entity(Certificates.SCHEMA, Map.of("cert", pem("rsa.crt"), "key", pem("rsa.key")));
        Map<String, @Nullable Object> shown = Schemas.redacted(cert);
        assertThat(shown).containsEntry("key", "******").containsEntry("key_alt", null);
        assertThat(shown).containsEntry("cert", pem("rsa.crt"));
    }

    @Test
    void entities_without_secrets_come_back_unchanged() {
        Entity service = entity(Services.SCHEMA, Map.of("name", "s", "host", "example.test"));
        assertThat(Schemas.redacted(service)).isEqualTo(service.fields());
    }

    @Test
    void a_stored_plugin_is_described_by_its_plugins_subschema() {
        Map<String, Object> input = new HashMap<>(Map.of("name", "key-auth", "config", Map.of()));
        input.put("id", UUID.randomUUID().toString());
        Entity stored = new Entity(Plugins.SCHEMA, Plugins.schemaFor(input).validate(input));

        EntitySchema schema = Schemas.ofStored(stored).orElseThrow();
        assertThat(schema.field("config").orElseThrow().record()).isEqualTo(PluginCatalog.KEY_AUTH.config());
        assertThat(Schemas.redacted(stored)).isEqualTo(stored.fields());
    }

    @Test
    void a_plugin_this_version_does_not_bundle_has_its_whole_config_redacted() {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("id", UUID.randomUUID().toString());
        fields.put("name", "retired-plugin");
        fields.put("config", Map.of("api_secret", "x"));
        fields.put("enabled", true);
        Entity stored = new Entity(Plugins.SCHEMA, fields);

        assertThat(Schemas.ofStored(stored)).isEmpty();
        assertThat(Schemas.redacted(stored))
                .containsEntry("config", "******")
                .containsEntry("name", "retired-plugin")
                .containsEntry("enabled", true);
    }
}
