package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.invalidation.LogCapture;
import io.tollgate.application.invalidation.VersionedStructure;
import io.tollgate.application.plugin.bundled.BundledPlugins;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.InvalidRequest;
import io.tollgate.domain.shared.NotFound;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.UniqueViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class EntityAdministrationTest {

    private final RecordingPorts ports = new RecordingPorts();
    private final InMemoryEntityStore store = ports.store;
    private final EventLog log = ports.log;
    private final Transactions transactions = ports.transactions;
    private final NodeCache cache = ports.cache;
    private final List<EntityEvent> appended = ports.appended;
    private final List<String> purged = ports.purged;
    private final List<VersionKey> rebuilt = new ArrayList<>();
    private final WorkspaceId ws = new WorkspaceId(UUID.randomUUID());

    private VersionedStructure structure(VersionKey key) {
        return new VersionedStructure() {
            @Override
            public VersionKey versionKey() {
                return key;
            }

            @Override
            public void rebuild() {
                rebuilt.add(key);
            }
        };
    }

    private final EntityAdministration admin = new EntityAdministration(
            store,
            log,
            transactions,
            new LocalInvalidation(cache, List.of(structure(VersionKey.ROUTER), structure(VersionKey.PLUGINS))),
            UUID.randomUUID(),
            ws,
            Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC),
            new PasswordHasher(1000),
            io.tollgate.application.plugin.bundled.JacksonTestCodec.CODEC);

    @Test
    void creates_with_server_fields_appends_an_event_and_invalidates_locally() {
        Entity service = admin.create(Services.SCHEMA, Map.of("name", "s1", "url", "http://upstream:9000/base"));
        assertThat(service.get("created_at")).isEqualTo(1700000000L);
        assertThat(service.get("port")).isEqualTo(9000L);
        assertThat(appended).hasSize(1);
        assertThat(purged).contains("services:" + service.id() + ":::::" + ws);

        Entity route = admin.create(Routes.SCHEMA, Map.of("paths", List.of("/x"), "service", Map.of("name", "s1")));
        assertThat(route.foreignId("service")).contains(service.id());
        assertThat(rebuilt).containsExactly(VersionKey.ROUTER);
    }

    @Test
    void generates_a_key_for_a_credential_and_purges_its_cached_miss() {
        Entity consumer = admin.create(Consumers.SCHEMA, Map.of("username", "alice"));
        Entity credential = admin.create(
                KeyAuthCredentials.SCHEMA,
                Map.of("consumer", Map.of("id", consumer.id().toString())));
        assertThat(credential.string("key")).hasSize(32);
        Entity given = admin.create(
                KeyAuthCredentials.SCHEMA, Map.of("key", "secret", "consumer", Map.of("username", "alice")));
        assertThat(purged).contains("keyauth_credentials:secret:::::" + ws);
        assertThat(given.foreignId("consumer")).contains(consumer.id());
    }

    @Test
    void patch_merges_and_keeps_identity() {
        Entity service = admin.create(Services.SCHEMA, Map.of("name", "s1", "host", "a"));
        Entity patched = admin.update(Services.SCHEMA, "s1", Map.of("port", 8080));
        assertThat(patched.id()).isEqualTo(service.id());
        assertThat(patched.get("host")).isEqualTo("a");
        assertThat(patched.get("port")).isEqualTo(8080L);
        assertThat(rebuilt).containsExactly(VersionKey.ROUTER);
        assertThatThrownBy(() -> admin.update(Services.SCHEMA, "nope", Map.of("port", 1)))
                .isInstanceOfSatisfying(
                        NotFound.class,
                        e -> assertThat(e.getMessage()).isEqualTo("could not find the entity with '{name=\"nope\"}'"));
    }

    @Test
    void patching_a_services_url_replaces_the_fields_it_stands_for() {
        Entity service = admin.create(Services.SCHEMA, Map.of("name", "s1", "url", "http://a:9000/one"));
        Entity patched = admin.update(Services.SCHEMA, "s1", Map.of("url", "https://b/two"));
        assertThat(patched.id()).isEqualTo(service.id());
        assertThat(List.of(patched.get("protocol"), patched.get("host"), patched.get("port"), patched.get("path")))
                .containsExactly("https", "b", 443L, "/two");
        Entity explicit = admin.update(Services.SCHEMA, "s1", Map.of("path", "/three", "url", "http://c:8080/four"));
        assertThat(List.of(explicit.get("host"), explicit.get("port"), explicit.get("path")))
                .as("a real field in the same patch wins over the shorthand")
                .containsExactly("c", 8080L, "/three");
    }

    @Test
    void refuses_to_delete_a_service_with_routes_and_writes_nothing() {
        Entity service = admin.create(Services.SCHEMA, Map.of("name", "s1", "host", "a"));
        admin.create(
                Routes.SCHEMA,
                Map.of(
                        "paths",
                        List.of("/x"),
                        "service",
                        Map.of("id", service.id().toString())));
        int before = appended.size();
        assertThatThrownBy(() -> admin.delete(Services.SCHEMA, "s1"))
                .isInstanceOf(ForeignKeyViolation.class)
                .hasMessage("an existing 'routes' entity references this 'services' entity");
        assertThat(store.rows(Services.SCHEMA)).hasSize(1);
        assertThat(appended).hasSize(before);
    }

    @Test
    void deleting_a_consumer_cascades_to_its_credentials_and_plugins_with_an_event_each() {
        Entity consumer = admin.create(Consumers.SCHEMA, Map.of("username", "alice"));
        admin.create(
                KeyAuthCredentials.SCHEMA,
                Map.of("key", "k1", "consumer", Map.of("id", consumer.id().toString())));
        admin.create(
                Plugins.SCHEMA,
                Map.of(
                        "name",
                        "request-termination",
                        "consumer",
                        Map.of("id", consumer.id().toString())));
        appended.clear();
        assertThat(admin.delete(Consumers.SCHEMA, "alice")).isTrue();
        assertThat(appended)
                .extracting(c -> c.entity().schema().name())
                .containsExactlyInAnyOrder("plugins", "keyauth_credentials", "consumers");
        assertThat(appended).allMatch(c -> c instanceof EntityDeleted);
        assertThat(purged).contains("keyauth_credentials:k1:::::" + ws, "consumers:alice:::::" + ws);
        assertThat(store.rows(KeyAuthCredentials.SCHEMA)).isEmpty();
        assertThat(admin.delete(Consumers.SCHEMA, "alice")).isFalse();
    }

    @Test
    void a_rejected_write_leaves_nothing_behind() {
        admin.create(Consumers.SCHEMA, Map.of("username", "alice"));
        appended.clear();
        assertThatThrownBy(() -> admin.create(Consumers.SCHEMA, Map.of("username", "alice")))
                .isInstanceOf(UniqueViolation.class)
                .hasMessage("UNIQUE violation detected on '{username=\"alice\"}'");
        assertThatThrownBy(() -> admin.create(Consumers.SCHEMA, Map.of("tags", List.of("a"))))
                .isInstanceOf(SchemaViolation.class);
        assertThatThrownBy(() -> admin.create(
                        Routes.SCHEMA,
                        Map.of(
                                "paths",
                                List.of("/x"),
                                "service",
                                Map.of("id", UUID.randomUUID().toString()))))
                .isInstanceOf(ForeignKeyViolation.class);
        assertThat(appended).isEmpty();
        assertThat(store.rows(Consumers.SCHEMA)).hasSize(1);
    }

    /**
     * Kong's DAO resolves references by endpoint key ({@code resolve_foreign}) before it validates the entity
     * ({@code check_insert}, {@code check_update}, {@code check_upsert}): an unknown but valid name is code 13
     * {@code foreign keys unresolved} even when other fields are invalid too; a name the parent's field refuses is left
     * to validation, beside the other fields' errors.
     */
    @Test
    void an_unknown_reference_name_is_unresolved_before_the_other_fields_are_validated() {
        Map<String, Object> input = Map.of(
                "protocols", List.of("foo", "http"), "methods", List.of("GET"), "service", Map.of("name", "nope"));
        assertThatThrownBy(() -> admin.create(Routes.SCHEMA, input))
                .isInstanceOfSatisfying(
                        InvalidRequest.class, e -> assertThat(e.code()).isEqualTo(13));
        Entity route = admin.create(Routes.SCHEMA, Map.of("name", "r-unresolved", "paths", List.of("/x")));
        assertThatThrownBy(() -> admin.update(
                        Routes.SCHEMA,
                        route.id().toString(),
                        Map.of("paths", List.of("x"), "service", Map.of("name", "nope"))))
                .isInstanceOfSatisfying(
                        InvalidRequest.class, e -> assertThat(e.code()).isEqualTo(13));
        assertThat(appended).hasSize(1);
    }

    @Test
    void put_creates_then_replaces_by_endpoint_key() {
        Entity created = admin.upsert(Services.SCHEMA, "s1", Map.of("host", "a", "port", 81));
        Entity replaced = admin.upsert(Services.SCHEMA, "s1", Map.of("host", "b"));
        assertThat(replaced.id()).isEqualTo(created.id());
        assertThat(replaced.get("port")).isEqualTo(80L);
        assertThat(replaced.get("name")).isEqualTo("s1");
    }

    @Test
    void put_on_an_unset_reference_creates_the_service_and_links_the_route_in_one_write() {
        Entity route = admin.create(Routes.SCHEMA, Map.of("name", "r1", "paths", List.of("/x")));
        appended.clear();
        rebuilt.clear();
        Entity service = admin.upsertReferenced(Routes.SCHEMA, "r1", "service", Map.of("host", "a.example"));
        assertThat(store.find(Routes.SCHEMA, route.id()).orElseThrow().foreignId("service"))
                .contains(service.id());
        assertThat(appended).extracting(c -> c.entity().schema().name()).containsExactly("services", "routes");
        assertThat(rebuilt).containsExactly(VersionKey.ROUTER);

        appended.clear();
        Entity replaced = admin.upsertReferenced(Routes.SCHEMA, "r1", "service", Map.of("host", "b.example"));
        assertThat(replaced.id()).isEqualTo(service.id());
        assertThat(replaced.get("host")).isEqualTo("b.example");
        assertThat(appended).extracting(c -> c.entity().schema().name()).containsExactly("services");
    }

    @Test
    void put_on_a_reference_refuses_bad_input_and_writes_nothing() {
        admin.create(Routes.SCHEMA, Map.of("name", "r1", "paths", List.of("/x")));
        appended.clear();
        assertThatThrownBy(() -> admin.upsertReferenced(Routes.SCHEMA, "r1", "service", Map.of("port", 1)))
                .isInstanceOf(SchemaViolation.class);
        assertThatThrownBy(() -> admin.upsertReferenced(Routes.SCHEMA, "nope", "service", Map.of("host", "a")))
                .isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> admin.upsertReferenced(Routes.SCHEMA, "r1", "paths", Map.of("host", "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.rows(Services.SCHEMA)).isEmpty();
        assertThat(appended).isEmpty();
    }

    @Test
    void a_plugin_write_using_kongs_flat_redis_fields_logs_kongs_deprecation_warning_once_per_field() {
        PluginCatalog.enable(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
        try (LogCapture warnings = LogCapture.of(DeprecatedFields.class)) {
            Entity plugin = admin.create(
                    Plugins.SCHEMA,
                    Map.of(
                            "name",
                            "rate-limiting",
                            "config",
                            Map.of("minute", 10, "policy", "redis", "redis_host", "h", "redis_port", 6380)));
            assertThat(warnings.at(Level.WARNING))
                    .extracting(LogRecord::getMessage)
                    .containsExactly(
                            "rate-limiting: config.redis_host is deprecated, please use config.redis.host instead"
                                    + " (deprecated after 4.0)",
                            "rate-limiting: config.redis_port is deprecated, please use config.redis.port instead"
                                    + " (deprecated after 4.0)");

            admin.update(Plugins.SCHEMA, plugin.id().toString(), Map.of("config", Map.of("minute", 20)));
            assertThat(warnings.at(Level.WARNING))
                    .as("the stored config shows redis_host again, but this write does not use it")
                    .hasSize(2);

            admin.update(Plugins.SCHEMA, plugin.id().toString(), Map.of("config", Map.of("redis_timeout", 100)));
            assertThat(warnings.at(Level.WARNING))
                    .extracting(LogRecord::getMessage)
                    .hasSize(3)
                    .last()
                    .isEqualTo("rate-limiting: config.redis_timeout is deprecated, please use config.redis.timeout"
                            + " instead (deprecated after 4.0)");

            admin.create(
                    Plugins.SCHEMA,
                    Map.of(
                            "name",
                            "response-ratelimiting",
                            "config",
                            Map.of("limits", Map.of("video", Map.of("minute", 1)), "redis", Map.of("host", "h"))));
            assertThat(warnings.at(Level.WARNING))
                    .as("the nested record is not deprecated")
                    .hasSize(3);
        } finally {
            PluginCatalog.enable(PluginCatalog.bundled());
        }
    }
}
