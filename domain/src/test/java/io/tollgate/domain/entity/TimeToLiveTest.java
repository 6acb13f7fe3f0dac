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

    @Test
    void a_ttl_written_later_counts_from_that_write_and_is_shown_as_the_seconds_left_as_in_kong() {
        // created at 1,000 with ttl 60, then at 1,500 given ttl 60 again: expires at 1,560, stored as 560
        Entity patched = TimeToLive.anchored(credential(1_000L, 60L), 1_500);
        assertThat(patched.get("ttl")).isEqualTo(560L);
        assertThat(TimeToLive.expiresAt(patched)).isEqualTo(1_560L);
        assertThat(TimeToLive.shown(patched, 1_500).get("ttl")).isEqualTo(60L);
        assertThat(TimeToLive.shown(patched, 1_545).get("ttl")).isEqualTo(15L);
        assertThat(TimeToLive.shown(patched, 9_999).get("ttl")).isEqualTo(1L); // never 0 (= never expires)
        // at creation (created_at = now) the stored ttl is the given one
        assertThat(TimeToLive.anchored(credential(1_000L, 60L), 1_000).get("ttl"))
                .isEqualTo(60L);
    }

    @Test
    void without_an_expiry_nothing_is_rewritten_and_a_future_created_at_still_expires() {
        Entity forever = credential(1_000L, 0L);
        assertThat(TimeToLive.anchored(forever, 5_000)).isSameAs(forever);
        assertThat(TimeToLive.shown(forever, 5_000)).isSameAs(forever);
        Entity none = credential(1_000L, null);
        assertThat(TimeToLive.shown(none, 5_000)).isSameAs(none);
        // created_at after now + ttl: stored as 1 second after created_at, never 0 (which would mean never)
        assertThat(TimeToLive.anchored(credential(9_000L, 60L), 1_000).get("ttl"))
                .isEqualTo(1L);
    }
}
