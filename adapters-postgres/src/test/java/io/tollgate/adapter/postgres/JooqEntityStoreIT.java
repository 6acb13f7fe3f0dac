package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.keyAuth;
import static io.tollgate.adapter.postgres.Fixtures.plugin;
import static io.tollgate.adapter.postgres.Fixtures.ref;
import static io.tollgate.adapter.postgres.Fixtures.route;
import static io.tollgate.adapter.postgres.Fixtures.service;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.application.port.Page;
import io.tollgate.application.port.PageRequest;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.NotFound;
import io.tollgate.domain.shared.PrimaryKeyViolation;
import io.tollgate.domain.shared.UniqueViolation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JooqEntityStoreIT extends DatabaseIT {

    // --- CRUD of every schema ---

    @Test
    void services_round_trip_every_field_in_schema_order() {
        Entity s = service("billing");
        assertCrud(s, "name", "billing", with(s, Map.of("name", "invoices", "port", 8080L, "retries", 3L)), "invoices");
    }

    @Test
    void routes_round_trip_with_nested_maps_and_foreign_key() {
        Entity s = service("svc");
        writes.insert(s);
        Entity r = route("r1", s);
        assertCrud(r, "name", "r1", with(r, Map.of("name", "r2", "strip_path", false)), "r2");
    }

    @Test
    void consumers_round_trip_by_username_and_custom_id() {
        Entity c = consumer("alice", "c-1");
        assertCrud(c, "username", "alice", with(c, Map.of("username", "alicia")), "alicia");
        Entity d = consumer("bob", "c-2");
        writes.insert(d);
        assertThat(store.findBy(Consumers.SCHEMA, "custom_id", "c-2"))
                .hasValueSatisfying(found -> assertThat(found.id()).isEqualTo(d.id()));
    }

    @Test
    void plugins_round_trip_and_read_back_with_the_generic_plugins_schema() {
        Entity s = service("svc");
        writes.insert(s);
        Entity p = plugin("key-auth", null, s, null);
        assertThat(p.schema()).isNotSameAs(Plugins.SCHEMA); // validated with the key-auth subschema
        writes.insert(p);
        Entity found = store.find(Plugins.SCHEMA, p.id()).orElseThrow();
        assertThat(found.schema()).isSameAs(Plugins.SCHEMA);
        assertThat(found.fields()).isEqualTo(p.fields());
        assertThat(found.fields().keySet()).containsExactlyElementsOf(p.fields().keySet());
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) found.get("config");
        assertThat(config).containsEntry("key_names", List.of("apikey")).containsEntry("hide_credentials", false);

        Entity named = with(p, Map.of("instance_name", "auth-1"));
        writes.update(named);
        assertThat(store.findBy(Plugins.SCHEMA, "instance_name", "auth-1"))
                .hasValueSatisfying(e -> assertThat(e.fields()).isEqualTo(named.fields()));
        assertThat(cacheKeyColumn(p.id()))
                .isEqualTo(CacheKeys.of(p, db.workspace).value())
                .isEqualTo("plugins:key-auth::" + s.id() + ":::" + db.workspace);
        writes.delete(Plugins.SCHEMA, p.id());
        assertThat(store.find(Plugins.SCHEMA, p.id())).isEmpty();
    }

    @Test
    void keyauth_credentials_round_trip_by_key() {
        Entity c = consumer("alice", null);
        writes.insert(c);
        Entity k = keyAuth("secret-1", c);
        assertCrud(k, "key", "secret-1", with(k, Map.of("key", "secret-2")), "secret-2");
    }

    @Test
    void findAllBy_reads_many_keys_in_batches_of_a_thousand_and_leaves_out_what_it_does_not_find() {
        Entity billing = service("billing");
        Entity ledger = service("ledger");
        writes.insert(billing);
        writes.insert(ledger);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            names.add("missing-" + i);
        }
        names.add(2, "billing");
        names.add("ledger"); // in the second batch
        names.add("billing"); // twice
        names.add("nul\0name"); // no text column can hold it

        assertThat(store.findAllBy(Services.SCHEMA, "name", names)).containsExactlyInAnyOrder(billing, ledger);
        assertThat(store.findAllBy(
                        Services.SCHEMA,
                        "id",
                        List.of(ledger.id().toString(), UUID.randomUUID().toString())))
                .containsExactly(ledger);
        assertThat(store.findAllBy(Services.SCHEMA, "name", List.of())).isEmpty();
        assertThatThrownBy(() -> store.findAllBy(Services.SCHEMA, "host", List.of("h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'host' is not a unique field of services");
    }

    private void assertCrud(Entity entity, String uniqueField, String value, Entity updated, String newValue) {
        EntitySchema schema = entity.schema();
        writes.insert(entity);
        Entity found = store.find(schema, entity.id()).orElseThrow();
        assertThat(found.fields()).isEqualTo(entity.fields());
        assertThat(found.fields().keySet())
                .containsExactlyElementsOf(entity.fields().keySet());
        assertThat(found.get("created_at")).isInstanceOf(Long.class);
        assertThat(store.findBy(schema, uniqueField, value)).contains(found);

        writes.update(updated);
        assertThat(store.find(schema, entity.id()))
                .hasValueSatisfying(e -> assertThat(e.fields()).isEqualTo(updated.fields()));
        assertThat(store.findBy(schema, uniqueField, value)).isEmpty();
        assertThat(store.findBy(schema, uniqueField, newValue)).isPresent();
        assertThat(store.all(schema)).extracting(Entity::id).contains(entity.id());

        writes.delete(schema, entity.id());
        assertThat(store.find(schema, entity.id())).isEmpty();
        assertThat(store.findBy(schema, uniqueField, newValue)).isEmpty();
    }

    @Test
    void find_by_a_field_that_is_not_unique_is_refused() {
        assertThatThrownBy(() -> store.findBy(Services.SCHEMA, "host", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("host");
    }

    @Test
    void update_of_a_missing_entity_is_not_found() {
        Entity s = service("ghost");
        assertThatThrownBy(() -> writes.update(s)).isInstanceOf(NotFound.class).hasMessageContaining(s.id().toString());
    }

    // --- pages ---

    @Test
    void pages_walk_every_entity_once_in_id_order() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Entity s = service("s" + i);
            writes.insert(s);
            ids.add(s.id());
        }

        List<UUID> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        PageRequest request = PageRequest.first(2);
        while (true) {
            Page page = store.page(Services.SCHEMA, request);
            sizes.add(page.data().size());
            page.data().forEach(e -> seen.add(e.id()));
            if (page.next() == null) {
                break;
            }
            assertThat(page.next())
                    .isEqualTo(page.data().get(page.data().size() - 1).id());
            request = new PageRequest(2, page.next(), null, null);
        }
        assertThat(sizes).containsExactly(2, 2, 1);
        assertThat(seen)
                .containsExactlyElementsOf(
                        store.all(Services.SCHEMA).stream().map(Entity::id).toList())
                .containsExactlyInAnyOrderElementsOf(ids)
                .doesNotHaveDuplicates();
    }

    @Test
    void all_reads_more_rows_than_one_fetch_in_id_order_also_inside_a_transaction() {
        List<UUID> ids = new ArrayList<>();
        db.transactions.inTransaction(() -> {
            for (int i = 0; i < 1_201; i++) { // the cursor fetches 1,000 rows at a time
                Entity c = consumer("user-" + i, null);
                writes.insert(c);
                ids.add(c.id());
            }
            return null;
        });
        // PostgreSQL orders uuids by their bytes, unsigned: as their text sorts (UUID.compareTo compares signed)
        List<UUID> sorted =
                ids.stream().sorted(Comparator.comparing(UUID::toString)).toList();

        assertThat(store.all(Consumers.SCHEMA)).extracting(Entity::id).containsExactlyElementsOf(sorted);
        assertThat(db.transactions.inTransaction(() -> store.all(Consumers.SCHEMA)))
                .as("inside a write's transaction (a savepoint, not a transaction of its own)")
                .extracting(Entity::id)
                .containsExactlyElementsOf(sorted);
    }

    @Test
    void an_exactly_full_last_page_has_no_next() {
        writes.insert(service("a"));
        writes.insert(service("b"));
        Page page = store.page(Services.SCHEMA, PageRequest.first(2));
        assertThat(page.data()).hasSize(2);
        assertThat(page.next()).isNull();
    }

    @Test
    void pages_and_references_of_one_parent() {
        Entity s1 = service("one");
        Entity s2 = service("two");
        writes.insert(s1);
        writes.insert(s2);
        Entity r1 = route("r1", s1);
        Entity r2 = route("r2", s1);
        Entity r3 = route("r3", s2);
        Entity orphan = route("r4", null);
        List.of(r1, r2, r3, orphan).forEach(writes::insert);

        Page page = store.page(Routes.SCHEMA, new PageRequest(10, null, "service", s1.id()));
        assertThat(page.data()).extracting(Entity::id).containsExactlyInAnyOrder(r1.id(), r2.id());
        assertThat(page.next()).isNull();
        assertThat(store.referencing(Routes.SCHEMA, "service", s2.id()))
                .extracting(Entity::id)
                .containsExactly(r3.id());
        assertThat(store.referencing(Routes.SCHEMA, "service", UUID.randomUUID()))
                .isEmpty();

        Entity c = consumer("alice", null);
        writes.insert(c);
        Entity p = plugin("key-auth", r1, null, null);
        Entity q = plugin("request-termination", null, null, c);
        writes.insert(p);
        writes.insert(q);
        assertThat(store.referencing(Plugins.SCHEMA, "consumer", c.id()))
                .extracting(Entity::id)
                .containsExactly(q.id());
        assertThat(store.referencing(Plugins.SCHEMA, "route", r1.id()))
                .extracting(Entity::id)
                .containsExactly(p.id());
        assertThatThrownBy(() -> store.referencing(Routes.SCHEMA, "name", s1.id()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // --- unique violations in Kong's shape ---

    @Test
    void taken_unique_values_are_unique_violations_with_the_field() {
        writes.insert(service("billing"));
        UniqueViolation e = catchThrowableOfType(UniqueViolation.class, () -> writes.insert(service("billing")));
        assertThat(e.fields()).isEqualTo(Map.of("name", "billing"));
        assertThat(e.getMessage()).isEqualTo("UNIQUE violation detected on '{name=\"billing\"}'");
        assertThat(e.code()).isEqualTo(5);

        writes.insert(consumer("alice", "cid"));
        assertThat(catchThrowableOfType(UniqueViolation.class, () -> writes.insert(consumer("bob", "cid")))
                        .fields())
                .isEqualTo(Map.of("custom_id", "cid"));

        Entity bob = consumer("bob", null);
        writes.insert(bob);
        assertThat(catchThrowableOfType(
                                UniqueViolation.class, () -> writes.update(with(bob, Map.of("username", "alice"))))
                        .fields())
                .isEqualTo(Map.of("username", "alice"));

        writes.insert(keyAuth("k1", bob));
        assertThat(catchThrowableOfType(UniqueViolation.class, () -> writes.insert(keyAuth("k1", bob)))
                        .fields())
                .isEqualTo(Map.of("key", "k1"));
    }

    /** Kong's 03-db/02-db_core_entities_spec "cannot create a Service with an existing id": code 3, not 5. */
    @Test
    void cannot_create_a_service_with_an_existing_id() {
        Entity s = service("a");
        writes.insert(s);
        Entity same = with(s, Map.of("name", "b"));
        PrimaryKeyViolation e = catchThrowableOfType(PrimaryKeyViolation.class, () -> writes.insert(same));
        assertThat(e.fields()).isEqualTo(Map.of("id", s.id().toString()));
        assertThat(e.code()).isEqualTo(3);
        assertThat(e.getMessage()).isEqualTo("primary key violation on key '{id=\"" + s.id() + "\"}'");
    }

    @Test
    void a_plugin_name_exists_once_per_route_service_consumer_scope() {
        Entity s = service("svc");
        writes.insert(s);
        Entity r = route("r", s);
        writes.insert(r);
        writes.insert(plugin("key-auth", null, s, null));
        writes.insert(plugin("key-auth", r, null, null)); // other scope: fine
        writes.insert(plugin("request-termination", null, s, null)); // other plugin: fine

        UniqueViolation e =
                catchThrowableOfType(UniqueViolation.class, () -> writes.insert(plugin("key-auth", null, s, null)));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", "key-auth");
        expected.put("route", null);
        expected.put("service", Map.of("id", s.id().toString()));
        expected.put("consumer", null);
        assertThat(e.fields()).isEqualTo(expected);
        assertThat(e.fields().keySet()).containsExactly("name", "route", "service", "consumer");
        assertThat(e.getMessage())
                .as("Kong's 04-plugins_routes_spec 'returns 409 on conflict': keys in alphabetical order")
                .isEqualTo("UNIQUE violation detected on '{consumer=null,name=\"key-auth\",route=null,service={id=\""
                        + s.id() + "\"}}'");
        assertThat(store.all(Plugins.SCHEMA)).hasSize(3);
    }

    // --- foreign keys ---

    @Test
    void a_missing_parent_is_a_foreign_key_violation_on_the_field() {
        Entity ghost = service("ghost"); // never stored
        ForeignKeyViolation e = catchThrowableOfType(ForeignKeyViolation.class, () -> writes.insert(route("r", ghost)));
        assertThat(e.fields())
                .isEqualTo(Map.of("service", Map.of("id", ghost.id().toString())));
        assertThat(e.getMessage())
                .isEqualTo("the foreign key '{id=\"" + ghost.id()
                        + "\"}' does not reference an existing 'services' entity.");

        Entity nobody = consumer("nobody", null); // never stored
        assertThat(catchThrowableOfType(ForeignKeyViolation.class, () -> writes.insert(keyAuth("k", nobody)))
                        .fields())
                .isEqualTo(Map.of("consumer", Map.of("id", nobody.id().toString())));
        assertThat(catchThrowableOfType(
                                ForeignKeyViolation.class,
                                () -> writes.insert(plugin("request-termination", null, null, nobody)))
                        .fields())
                .isEqualTo(Map.of("consumer", Map.of("id", nobody.id().toString())));

        Entity s = service("real");
        writes.insert(s);
        Entity r = route("r", s);
        writes.insert(r);
        assertThat(catchThrowableOfType(
                                ForeignKeyViolation.class, () -> writes.update(with(r, Map.of("service", ref(ghost)))))
                        .fields())
                .isEqualTo(Map.of("service", Map.of("id", ghost.id().toString())));
        assertThat(store.all(Routes.SCHEMA)).hasSize(1);
    }

    @Test
    void deleting_a_service_that_routes_use_is_refused() {
        Entity s = service("svc");
        writes.insert(s);
        writes.insert(route("r", s));
        ForeignKeyViolation e =
                catchThrowableOfType(ForeignKeyViolation.class, () -> writes.delete(Services.SCHEMA, s.id()));
        assertThat(e.fields()).isEqualTo(Map.of("@referenced_by", "routes"));
        assertThat(e.getMessage()).isEqualTo("an existing 'routes' entity references this 'services' entity");
        assertThat(store.find(Services.SCHEMA, s.id())).isPresent();
    }

    @Test
    void the_database_never_cascades_a_delete_children_go_first_by_their_own_events() {
        Entity s = service("svc");
        writes.insert(s);
        Entity r = route("r", null);
        writes.insert(r);
        Entity c = consumer("alice", null);
        writes.insert(c);
        Entity cred = keyAuth("k", c);
        writes.insert(cred);
        Entity onConsumer = plugin("request-termination", null, null, c);
        Entity onRoute = plugin("key-auth", r, null, null);
        Entity onService = plugin("key-auth", null, s, null);
        List.of(onConsumer, onRoute, onService).forEach(writes::insert);

        assertThatThrownBy(() -> writes.delete(Consumers.SCHEMA, c.id()))
                .isInstanceOfSatisfying(
                        ForeignKeyViolation.class,
                        e -> assertThat(e.fields()).containsEntry("@referenced_by", "plugins"));
        assertThatThrownBy(() -> writes.delete(Routes.SCHEMA, r.id())).isInstanceOf(ForeignKeyViolation.class);
        assertThatThrownBy(() -> writes.delete(Services.SCHEMA, s.id())).isInstanceOf(ForeignKeyViolation.class);
        assertThat(store.all(Plugins.SCHEMA)).hasSize(3);
        assertThat(store.find(KeyAuthCredentials.SCHEMA, cred.id())).isPresent();

        writes.delete(Plugins.SCHEMA, onConsumer.id());
        writes.delete(KeyAuthCredentials.SCHEMA, cred.id());
        writes.delete(Consumers.SCHEMA, c.id());
        assertThat(store.find(Consumers.SCHEMA, c.id())).isEmpty();
    }

    @Test
    void every_schema_has_a_table_with_its_unique_and_foreign_columns() {
        for (EntitySchema schema : io.tollgate.domain.catalog.schemas.Schemas.ALL) {
            EntityTable t = EntityTable.of(schema);
            assertThat(t.uniqueColumns().keySet())
                    .as(schema.name())
                    .containsExactlyInAnyOrderElementsOf(
                            schema.uniqueFields().stream().map(f -> f.name()).toList());
            // every foreign field has a real foreign key column
            List<String> storedParents =
                    schema.foreignFields().stream().map(f -> f.name()).toList();
            assertThat(t.foreignColumns().keySet())
                    .as(schema.name())
                    .containsExactlyInAnyOrderElementsOf(storedParents);
        }
    }

    private String cacheKeyColumn(UUID pluginId) {
        return db.dsl
                .fetchValue("SELECT cache_key FROM plugins WHERE id = ?", pluginId)
                .toString();
    }
}
