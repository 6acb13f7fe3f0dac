package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Kong's acl access spec (18-acl/02-access), ported: key-auth authenticates, acl decides. */
class AclTest {

    static final Respond FORBIDDEN = Respond.message(403, "You cannot consume this service");
    static final Respond UNAUTHORIZED = Respond.message(401, "Unauthorized");

    AuthHarness harness;
    Entity admin;
    Entity plain;
    Entity anonymous;

    @BeforeEach
    void setUp() {
        harness = new AuthHarness(List.of(new KeyAuth(), new Acl()));
        admin = Entities.consumer("admin", null);
        plain = Entities.consumer("plain", null);
        anonymous = Entities.consumer("anonymous", null);
        harness.store.add(admin, plain, anonymous);
        harness.store.add(Entities.keyAuth(admin, "apikey-admin"), Entities.keyAuth(plain, "apikey-plain"));
        harness.store.add(acl(admin, "admin"), acl(admin, "pro"), acl(anonymous, "guests"));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    static Entity acl(Entity consumer, String group) {
        return Entities.of(
                Acls.SCHEMA, Map.of("consumer", Map.of("id", consumer.id().toString()), "group", group));
    }

    static Map<String, Map<String, ?>> keyAuthAnd(Map<String, ?> acl) {
        return Map.of("key-auth", Map.of(), "acl", acl);
    }

    @Test
    void withoutAnAuthenticatedConsumerItIsUnauthorized() {
        harness.route("acl-only", Map.of("acl", Map.of("allow", List.of("admin"))));

        assertThat(harness.decide(FakeExchange.get("/acl-only"))).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void allowLetsMembersThroughWithTheirGroupsUpstream() {
        harness.route("allow", keyAuthAnd(Map.of("allow", List.of("admin"))));

        FakeExchange member = FakeExchange.get("/allow?apikey=apikey-admin").header("X-Consumer-Groups", "forged");
        assertThat(harness.decide(member)).isInstanceOf(Forward.class);
        assertThat(Arrays.asList(member.header("X-Consumer-Groups").split(", ")))
                .containsExactlyInAnyOrder("admin", "pro");

        assertThat(harness.decide(FakeExchange.get("/allow?apikey=apikey-plain")))
                .as("a consumer without any group")
                .isEqualTo(FORBIDDEN);
    }

    @Test
    void denyBlocksMembersOnly() {
        harness.route("deny", keyAuthAnd(Map.of("deny", List.of("pro", "other"))));

        assertThat(harness.decide(FakeExchange.get("/deny?apikey=apikey-admin")))
                .isEqualTo(FORBIDDEN);
        FakeExchange outsider = FakeExchange.get("/deny?apikey=apikey-plain");
        assertThat(harness.decide(outsider)).isInstanceOf(Forward.class);
        assertThat(outsider.header("X-Consumer-Groups")).isEmpty();
    }

    @Test
    void hideGroupsHeaderSendsNoGroups() {
        harness.route("hidden", keyAuthAnd(Map.of("allow", List.of("pro"), "hide_groups_header", true)));

        FakeExchange member = FakeExchange.get("/hidden?apikey=apikey-admin");
        assertThat(harness.decide(member)).isInstanceOf(Forward.class);
        assertThat(member.header("X-Consumer-Groups")).isNull();
    }

    @Test
    void theAnonymousConsumerIsJudgedByItsGroupsAnd401WithoutAny() {
        harness.route(
                "anon",
                Map.of("key-auth", Map.of("anonymous", "anonymous"), "acl", Map.of("allow", List.of("guests"))));
        harness.route(
                "anon-strict",
                Map.of("key-auth", Map.of("anonymous", "plain"), "acl", Map.of("allow", List.of("guests"))));

        FakeExchange guest = FakeExchange.get("/anon");
        assertThat(harness.decide(guest)).isInstanceOf(Forward.class);
        assertThat(guest.header("X-Consumer-Groups")).isEqualTo("guests");
        assertThat(harness.decide(FakeExchange.get("/anon?apikey=apikey-admin")))
                .as("authenticated, but not a guest")
                .isEqualTo(FORBIDDEN);
        assertThat(harness.decide(FakeExchange.get("/anon-strict")))
                .as("an anonymous consumer without groups")
                .isEqualTo(UNAUTHORIZED);
    }

    @Test
    void theGroupListIsCachedPerConsumerUnderKongsKeyAndPurgedWithIt() {
        harness.route("allow", keyAuthAnd(Map.of("allow", List.of("late"))));

        assertThat(harness.decide(FakeExchange.get("/allow?apikey=apikey-plain")))
                .isEqualTo(FORBIDDEN);
        assertThat(harness.cache.keys("acls:")).containsExactly(CacheKeys.aclGroups(plain.id(), AuthHarness.WS));

        Entity late = acl(plain, "late");
        harness.store.add(late);
        assertThat(harness.decide(FakeExchange.get("/allow?apikey=apikey-plain")))
                .as("the cached group list answers until it is purged")
                .isEqualTo(FORBIDDEN);
        // what LocalInvalidation does for the ACL's creation event
        CacheKeys.allOf(late, AuthHarness.WS).forEach(harness.cache::invalidate);
        assertThat(harness.decide(FakeExchange.get("/allow?apikey=apikey-plain")))
                .isInstanceOf(Forward.class);
    }

    @Test
    void configNeedsExactlyOneOfAllowAndDeny() {
        assertThatThrownBy(() -> Entities.plugin("acl", Map.of(), Map.of()))
                .isInstanceOf(SchemaViolation.class)
                .hasMessageContaining("at least one of these fields must be non-empty: 'config.allow', 'config.deny'");
        assertThatThrownBy(() -> Entities.plugin("acl", Map.of("allow", List.of()), Map.of()))
                .isInstanceOf(SchemaViolation.class)
                .hasMessageContaining("at least one of these fields must be non-empty");
        assertThatThrownBy(() -> Entities.plugin("acl", Map.of("allow", List.of("a"), "deny", List.of("b")), Map.of()))
                .isInstanceOf(SchemaViolation.class)
                .hasMessageContaining("only one of these fields must be non-empty: 'config.allow', 'config.deny'");
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>)
                Entities.plugin("acl", Map.of("deny", List.of("b")), Map.of()).get("config");
        assertThat(config)
                .containsEntry("deny", List.of("b"))
                .containsEntry("hide_groups_header", false)
                .containsEntry("always_use_authenticated_groups", false)
                .containsEntry("include_consumer_groups", false);
    }
}
