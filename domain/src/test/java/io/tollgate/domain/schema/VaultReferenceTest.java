package io.tollgate.domain.schema;

import static io.tollgate.domain.schema.Fields.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.shared.SchemaViolation;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Kong's {@code kong.vault.is_reference}/{@code parse_reference} cases, and referenceable fields in a schema. */
class VaultReferenceTest {

    private static VaultReference valid(String reference) {
        return ((VaultReference.Parsed.Valid) VaultReference.parse(reference)).reference();
    }

    private static String invalid(String reference) {
        return ((VaultReference.Parsed.Invalid) VaultReference.parse(reference)).message();
    }

    @Test
    void is_reference_is_true_for_vault_urls_in_braces_only() {
        assertThat(VaultReference.isReference("{vault://env/test}")).isTrue();
        assertThat(VaultReference.isReference("{vault://env}")).isTrue();
        assertThat(VaultReference.isReference("vault://env/test")).isFalse();
        assertThat(VaultReference.isReference("{vault://env/test")).isFalse();
        assertThat(VaultReference.isReference("{vaults://env/test}")).isFalse();
        assertThat(VaultReference.isReference("{vault:/env/test}")).isFalse();
        assertThat(VaultReference.isReference(42)).isFalse();
        assertThat(VaultReference.isReference(null)).isFalse();
    }

    @Test
    void parse_reference_splits_name_resource_key_query_and_version() {
        assertThat(valid("{vault://env/test-secret}"))
                .isEqualTo(new VaultReference("env", "test-secret", null, Map.of(), null));
        assertThat(valid("{vault://env/credentials/username}"))
                .isEqualTo(new VaultReference("env", "credentials", "username", Map.of(), null));
        assertThat(valid("{vault://env/a/b/key}")).isEqualTo(new VaultReference("env", "a/b", "key", Map.of(), null));
        assertThat(valid("{vault://env/credentials/}"))
                .isEqualTo(new VaultReference("env", "credentials", null, Map.of(), null));
        assertThat(valid("{vault://my-env/test?prefix=SSL_&base64_decode=true}"))
                .isEqualTo(new VaultReference(
                        "my-env", "test", null, Map.of("prefix", "SSL_", "base64_decode", "true"), null));
        assertThat(valid("{vault://env/test#2}")).isEqualTo(new VaultReference("env", "test", null, Map.of(), 2));
        assertThat(valid("{vault://env/my%2Fsecret}").resource()).isEqualTo("my/secret");
    }

    @Test
    void parse_reference_refuses_with_kongs_messages() {
        assertThat(invalid("vault://env/test")).isEqualTo("not a reference [vault://env/test]");
        assertThat(invalid("{vault:///test}")).isEqualTo("reference url is missing host [{vault:///test}]");
        assertThat(invalid("{vault://env}")).isEqualTo("reference url is missing path [{vault://env}]");
        assertThat(invalid("{vault://env/}")).isEqualTo("reference url has empty path [{vault://env/}]");
        assertThat(invalid("{vault://env//key}")).isEqualTo("reference url has invalid path [{vault://env//key}]");
        assertThat(invalid("{vault://env/test#x}"))
                .isEqualTo("reference url has invalid version [{vault://env/test#x}]");
    }

    @Test
    void a_referenceable_field_accepts_a_reference_without_its_other_rules() {
        RecordSchema schema = RecordSchema.of(
                string("password").rule(Rules.oneOf("a")).referenceable(),
                string("plain").rule(Rules.oneOf("a")));
        assertThat(schema.validate(Map.of("password", "{vault://env/pw}")).get("password"))
                .isEqualTo("{vault://env/pw}");
        assertThatThrownBy(() -> schema.validate(Map.of("plain", "{vault://env/pw}")))
                .isInstanceOf(SchemaViolation.class);
        assertThatThrownBy(() -> schema.validate(Map.of("password", "b"))).isInstanceOf(SchemaViolation.class);
    }

    @Test
    void referenceable_is_a_copy_flag() {
        assertThat(string("x").referenceable().isReferenceable()).isTrue();
        assertThat(string("x").secret().isReferenceable()).isFalse();
        assertThat(string("x").referenceable().secret().isReferenceable()).isTrue();
    }
}
