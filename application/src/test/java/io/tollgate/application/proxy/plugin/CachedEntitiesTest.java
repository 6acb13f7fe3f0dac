package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CachedEntitiesTest {

    static final WorkspaceId WS = new WorkspaceId(UUID.fromString("0dc6f45b-8f8d-40d2-a504-473544ee190b"));

    static final io.tollgate.application.proxy.NoJson JSON = io.tollgate.application.proxy.NoJson.CODEC;

    final InMemoryEntityStore store = new InMemoryEntityStore();
    final InMemoryNodeCache cache = new InMemoryNodeCache();
    final CachedEntities entities = new CachedEntities(store, cache, WS, JSON);

    @Test
    void findAllCachesAConsumersAclsUnderKongsGroupListKey() {
        Entity alice = Entities.consumer("alice", null);
        Entity bob = Entities.consumer("bob", null);
        store.add(alice, bob);
        Entity admin = Entities.of(
                Acls.SCHEMA, Map.of("consumer", Map.of("id", alice.id().toString()), "group", "admin"));
        store.add(
                admin,
                Entities.of(
                        Acls.SCHEMA, Map.of("consumer", Map.of("id", bob.id().toString()), "group", "x")));

        assertThat(entities.findAll(Acls.SCHEMA, "consumer", alice.id())
                        .toCompletableFuture()
                        .join())
                .containsExactly(admin);
        assertThat(cache.keys("acls:")).containsExactly(new CacheKey("acls:" + alice.id() + ":::::" + WS));
        store.add(Entities.of(
                Acls.SCHEMA, Map.of("consumer", Map.of("id", alice.id().toString()), "group", "late")));
        assertThat(entities.findAll(Acls.SCHEMA, "consumer", alice.id())
                        .toCompletableFuture()
                        .join())
                .as("served from the cache until the key is purged")
                .containsExactly(admin);
        cache.invalidate(new CacheKey("acls:" + alice.id() + ":::::" + WS));
        assertThat(entities.findAll(Acls.SCHEMA, "consumer", alice.id())
                        .toCompletableFuture()
                        .join())
                .hasSize(2);
    }

    @Test
    void findAllRefusesListsNoKeyRulePurges() {
        assertThatThrownBy(() -> entities.findAll(KeyAuthCredentials.SCHEMA, "consumer", UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not cache its entities' list by consumer");
        assertThatThrownBy(() -> entities.findAll(Acls.SCHEMA, "group", UUID.randomUUID()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
