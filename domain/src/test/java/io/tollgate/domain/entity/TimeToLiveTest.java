package io.tollgate.domain.entity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.schema.EntitySchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeToLiveTest {

    private static Entity credential(Object createdAt, Object ttl) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("id", UUID.randomUUID().toString());
        fields.put("created_at", createdAt);
        fields.put("consumer", Map.of("id", UUID.randomUUID().toString()));
        fields.put("key", "k");
        fields.put("ttl", ttl);
        return new Entity(KeyAuthCredentials.SCHEMA, fields);
    }

    @Test
    void only_the_key_auth_credentials_expire_as_in_kong() {
        List<String> expiring = Schemas.ALL.stream()
                .filter(TimeToLive::applies)
                .map(EntitySchema::name)
                .toList();
        assertThat(expiring).containsExactly("keyauth_credentials");
    }

    @Test
    void a_row_expires_ttl_seconds_after_its_creation_that_instant_included() {
        Entity row = credential(1_000L, 1L);
        assertThat(TimeToLive.expiresAt(row)).isEqualTo(1_001L);
        assertThat(TimeToLive.expiredAt(row, 1_000)).isFalse();
        assertThat(TimeToLive.expiredAt(row, 1_001)).isTrue();
    }

    @Test
    void a_ttl_of_zero_or_no_ttl_never_expires_as_in_kong() {
        assertThat(TimeToLive.expiresAt(credential(1_000L, 0L))).isNull();
        assertThat(TimeToLive.expiredAt(credential(1_000L, 0L), Long.MAX_VALUE)).isFalse();
        assertThat(TimeToLive.expiresAt(credential(1_000L, null))).isNull();
        assertThat(TimeToLive.expiredAt(credential(1_000L, null), Long.MAX_VALUE))
                .isFalse();
    }
}
