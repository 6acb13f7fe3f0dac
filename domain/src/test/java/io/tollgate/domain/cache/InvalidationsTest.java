package io.tollgate.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InvalidationsTest {

    private final WorkspaceId ws = new WorkspaceId(UUID.fromString("11111111-1111-1111-1111-111111111111"));
    private final String w = ws.toString();

    private static Entity entity(io.tollgate.domain.schema.EntitySchema schema, Map<String, Object> input) {
        Map<String, Object> m = new HashMap<>(input);
        m.putIfAbsent("id", UUID.randomUUID().toString());
        return new Entity(
                Schemas.forInput(schema, m), Schemas.forInput(schema, m).validate(m));
    }

    @Test
    void keys_follow_kongs_seven_part_format() {
        Entity service = entity(Services.SCHEMA, Map.of("host", "h"));
        assertThat(CacheKeys.of(service, ws).value()).isEqualTo("services:" + service.id() + ":::::" + w);
        Entity credential = entity(
                KeyAuthCredentials.SCHEMA,
                Map.of(
                        "key",
                        "secret",
                        "consumer",
                        Map.of("id", UUID.randomUUID().toString())));
        assertThat(CacheKeys.of(credential, ws).value()).isEqualTo("keyauth_credentials:secret:::::" + w);
        String serviceId = UUID.randomUUID().toString();
        Entity plugin = entity(Plugins.SCHEMA, Map.of("name", "key-auth", "service", Map.of("id", serviceId)));
        assertThat(CacheKeys.of(plugin, ws).value()).isEqualTo("plugins:key-auth::" + serviceId + "::" + ":" + w);
        Entity global = entity(Plugins.SCHEMA, Map.of("name", "correlation-id"));
        assertThat(CacheKeys.of(global, ws).value()).isEqualTo("plugins:correlation-id:::::" + w);
    }

    @Test
    void a_consumer_change_purges_id_and_old_and_new_usernames() {
        Entity before = entity(Consumers.SCHEMA, Map.of("username", "alice"));
        Entity after = entity(Consumers.SCHEMA, Map.of("id", before.id().toString(), "username", "alicia"));
        Invalidation event = Invalidations.of(new EntityUpdated(after, before), ws);
        assertThat(event.cacheKeys())
                .extracting(CacheKey::value)
                .containsExactly(
                        "consumers:" + before.id() + ":::::" + w,
                        "consumers:alicia:::::" + w,
                        "consumers:alice:::::" + w);
        assertThat(event.bumps()).isEmpty();
    }

    @Test
    void routes_bump_the_router_plugins_the_plugins_iterator_and_services_only_on_update() {
        Entity route = entity(Routes.SCHEMA, Map.of("paths", List.of("/a")));
        assertThat(Invalidations.of(new EntityCreated(route), ws).bumps()).containsExactly(VersionKey.ROUTER);
        assertThat(Invalidations.of(new EntityDeleted(route), ws).bumps()).containsExactly(VersionKey.ROUTER);
        Entity service = entity(Services.SCHEMA, Map.of("host", "h"));
        assertThat(Invalidations.of(new EntityCreated(service), ws).bumps()).isEmpty();
        assertThat(Invalidations.of(new EntityUpdated(service, service), ws).bumps())
                .containsExactly(VersionKey.ROUTER);
        Entity plugin = entity(Plugins.SCHEMA, Map.of("name", "key-auth"));
        assertThat(Invalidations.of(new EntityCreated(plugin), ws).bumps()).containsExactly(VersionKey.PLUGINS);
    }

    @Test
    void an_invalidation_names_the_entity_its_event_changed() {
        Entity route = entity(Routes.SCHEMA, Map.of("paths", List.of("/a")));
        ChangedEntity changed = new ChangedEntity(io.tollgate.domain.catalog.EntityKind.ROUTES, route.id());
        assertThat(Invalidations.of(new EntityCreated(route), ws).changed()).containsExactly(changed);
        assertThat(Invalidations.of(new EntityUpdated(route, route), ws).changed())
                .containsExactly(changed);
        assertThat(Invalidations.of(new EntityDeleted(route), ws).changed()).containsExactly(changed);
        assertThat(new Invalidation(List.of(), java.util.Set.of(VersionKey.ROUTER)).changed())
                .isEmpty();
    }

    @Test
    void upstream_and_target_changes_bump_the_balancer_and_the_health_checks() {
        Entity upstream = entity(io.tollgate.domain.upstream.Upstreams.SCHEMA, Map.of("name", "up"));
        assertThat(Invalidations.of(new EntityCreated(upstream), ws).bumps())
                .containsExactlyInAnyOrder(VersionKey.BALANCER, VersionKey.HEALTHCHECKS);
        assertThat(Invalidations.of(new EntityDeleted(upstream), ws).bumps())
                .containsExactlyInAnyOrder(VersionKey.BALANCER, VersionKey.HEALTHCHECKS);
        Entity target = entity(
                io.tollgate.domain.upstream.Targets.SCHEMA,
                Map.of("upstream", Map.of("id", upstream.id().toString()), "target", "10.0.0.1:80"));
        assertThat(Invalidations.of(new EntityUpdated(target, target), ws).bumps())
                .containsExactlyInAnyOrder(VersionKey.BALANCER, VersionKey.HEALTHCHECKS);
        assertThat(Invalidations.of(new EntityDeleted(target), ws).bumps())
                .containsExactlyInAnyOrder(VersionKey.BALANCER, VersionKey.HEALTHCHECKS);
    }

    @Test
    void sni_changes_bump_the_certificates_snapshot() {
        Entity sni = entity(
                io.tollgate.domain.certificate.Snis.SCHEMA,
                Map.of(
                        "name",
                        "a.example.com",
                        "certificate",
                        Map.of("id", UUID.randomUUID().toString())));
        assertThat(Invalidations.of(new EntityCreated(sni), ws).bumps()).containsExactly(VersionKey.CERTIFICATES);
        assertThat(Invalidations.of(new EntityUpdated(sni, sni), ws).bumps()).containsExactly(VersionKey.CERTIFICATES);
        assertThat(Invalidations.of(new EntityDeleted(sni), ws).bumps()).containsExactly(VersionKey.CERTIFICATES);
        assertThat(VersionKey.fromKey("certificates:version")).isEqualTo(VersionKey.CERTIFICATES);
    }

    @Test
    void every_key_rule_of_the_catalogue_adds_its_key() {
        Entity upstream = entity(io.tollgate.domain.upstream.Upstreams.SCHEMA, Map.of("name", "up"));
        assertThat(CacheKeys.allOf(upstream, ws))
                .extracting(CacheKey::value)
                .containsExactly(
                        "upstreams:" + upstream.id() + ":::::" + ws,
                        "balancer:upstreams",
                        "balancer:upstreams:" + upstream.id());
        Entity sni = entity(
                io.tollgate.domain.certificate.Snis.SCHEMA,
                Map.of(
                        "name",
                        "a.example.com",
                        "certificate",
                        Map.of("id", UUID.randomUUID().toString())));
        assertThat(CacheKeys.allOf(sni, ws))
                .extracting(CacheKey::value)
                .containsExactly("snis:" + sni.id() + ":::::" + ws, "snis:a.example.com");
        UUID consumer = UUID.randomUUID();
        Entity acl = entity(
                io.tollgate.domain.credential.Acls.SCHEMA,
                Map.of("group", "admins", "consumer", Map.of("id", consumer.toString())));
        assertThat(CacheKeys.allOf(acl, ws))
                .extracting(CacheKey::value)
                .containsExactly("acls:" + consumer + ":admins::::" + ws, "acls:" + consumer + ":::::" + ws);
        Entity anonymousConsumer = entity(io.tollgate.domain.consumer.Consumers.SCHEMA, Map.of("custom_id", "c-1"));
        assertThat(CacheKeys.allOf(anonymousConsumer, ws))
                .as("no username, no username key")
                .extracting(CacheKey::value)
                .containsExactly("consumers:" + anonymousConsumer.id() + ":::::" + ws);
        assertThat(CacheKeys.of(io.tollgate.domain.catalog.EntityKind.CA_CERTIFICATES, ws, "x")
                        .value())
                .isEqualTo("ca_certificates:x:::::");
    }
}
