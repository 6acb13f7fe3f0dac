package io.tollgate.domain.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.entity.Entity;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyAuthCredentialTest {

    private static KeyAuthCredential credential(Object ttl) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", UUID.randomUUID().toString());
        fields.put("created_at", 1_000L);
        fields.put("consumer", Map.of("id", UUID.randomUUID().toString()));
        fields.put("key", "k");
        fields.put("ttl", ttl);
        return KeyAuthCredential.of(new Entity(KeyAuthCredentials.SCHEMA, fields));
    }

    @Test
    void a_key_with_a_ttl_expires_that_many_seconds_after_its_creation() {
        KeyAuthCredential key = credential(60L);
        assertThat(key.expiresAt()).isEqualTo(1_060L);
        assertThat(key.expiredAt(1_059)).isFalse();
        assertThat(key.expiredAt(1_060)).isTrue();
    }

    @Test
    void a_key_without_ttl_never_expires() {
        KeyAuthCredential key = credential(null);
        assertThat(key.expiresAt()).isNull();
        assertThat(key.expiredAt(Long.MAX_VALUE)).isFalse();
    }
}
