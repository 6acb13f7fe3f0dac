package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.catalog.EntityKind;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link RecentCacheKeys}: Kong's keys, the same instance again for a value looked up again, bounded per kind. */
class RecentCacheKeysTest {

    private final RecentCacheKeys keys = new RecentCacheKeys(CachedEntitiesTest.WS);

    @Test
    void a_key_is_kongs_key_and_the_same_instance_for_the_same_value_again() {
        UUID id = UUID.randomUUID();

        CacheKey first = keys.of(EntityKind.CONSUMERS, id);

        assertThat(first).isEqualTo(CacheKeys.of(EntityKind.CONSUMERS, CachedEntitiesTest.WS, id));
        assertThat(first.value()).isEqualTo("consumers:" + id + ":::::" + CachedEntitiesTest.WS);
        assertThat(keys.of(EntityKind.CONSUMERS, UUID.fromString(id.toString())))
                .isSameAs(first);
        assertThat(keys.of(EntityKind.KEYAUTH_CREDENTIALS, "secret"))
                .isSameAs(keys.of(EntityKind.KEYAUTH_CREDENTIALS, new String("secret")));
    }

    @Test
    void kinds_do_not_share_keys() {
        UUID id = UUID.randomUUID();

        CacheKey consumer = keys.of(EntityKind.CONSUMERS, id);
        CacheKey service = keys.of(EntityKind.SERVICES, id);

        assertThat(service.value()).startsWith("services:" + id);
        assertThat(consumer.value()).startsWith("consumers:" + id);
        assertThat(keys.of(EntityKind.CONSUMERS, id)).isSameAs(consumer);
    }

    @Test
    void a_value_whose_slot_another_value_holds_gets_its_own_key_and_takes_the_slot() {
        // more values than slots: some share a slot, and each still gets its own, right key
        String[] values = new String[RecentCacheKeys.SLOTS * 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = "key-" + i;
            assertThat(keys.of(EntityKind.KEYAUTH_CREDENTIALS, values[i]).value())
                    .isEqualTo("keyauth_credentials:key-" + i + ":::::" + CachedEntitiesTest.WS);
        }
        for (String value : values) {
            assertThat(keys.of(EntityKind.KEYAUTH_CREDENTIALS, value))
                    .isEqualTo(CacheKeys.of(EntityKind.KEYAUTH_CREDENTIALS, CachedEntitiesTest.WS, value));
        }
        CacheKey last = keys.of(EntityKind.KEYAUTH_CREDENTIALS, values[values.length - 1]);
        assertThat(keys.of(EntityKind.KEYAUTH_CREDENTIALS, values[values.length - 1]))
                .isSameAs(last);
    }
}
