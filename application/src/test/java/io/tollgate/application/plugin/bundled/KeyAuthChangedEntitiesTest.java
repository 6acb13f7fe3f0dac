package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.entity.Entity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * key-auth and the consumer lookup keep the decoded credential and consumer per cached entity: a changed row (a new
 * entity in the node cache after its invalidation) is decoded again, never answered from its predecessor.
 */
class KeyAuthChangedEntitiesTest {

    AuthHarness harness;
    Entity bob;
    Entity alice;
    Entity credential;

    @BeforeEach
    void setUp() {
        harness = new AuthHarness(List.of(new KeyAuth()));
        bob = Entities.consumer("bob", null);
        alice = Entities.consumer("alice", null);
        credential = Entities.keyAuth(bob, "secret");
        harness.store.add(bob, alice, credential);
        harness.route("keyed", Map.of("key-auth", Map.of()));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private FakeExchange request() {
        FakeExchange exchange = new FakeExchange("GET", "/keyed").header("apikey", "secret");
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
        return exchange;
    }

    /** Replaces the stored row and invalidates its cache key, as an Admin API write does on its node. */
    private Entity change(Entity entity, String field, @Nullable Object value, Object cacheKeyValue) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>(entity.fields());
        fields.put(field, value);
        Entity changed = new Entity(entity.schema(), fields);
        harness.store.insert(changed);
        harness.cache.invalidate(CacheKeys.of(entity.schema().kind(), AuthHarness.WS, cacheKeyValue));
        return changed;
    }

    @Test
    void a_credential_moved_to_another_consumer_authenticates_that_consumer() {
        assertThat(request().header("X-Consumer-Username")).isEqualTo("bob");

        change(credential, "consumer", Map.of("id", alice.id().toString()), "secret");

        FakeExchange exchange = request();
        assertThat(exchange.header("X-Consumer-Username")).isEqualTo("alice");
        assertThat(exchange.header("X-Credential-Identifier"))
                .isEqualTo(credential.id().toString());
    }

    @Test
    void a_renamed_consumer_is_sent_upstream_with_its_new_name() {
        assertThat(request().header("X-Consumer-Username")).isEqualTo("bob");

        change(bob, "username", "robert", bob.id());

        assertThat(request().header("X-Consumer-Username")).isEqualTo("robert");
    }
}
