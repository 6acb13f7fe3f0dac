package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.entity;
import static io.tollgate.adapter.postgres.Fixtures.keyAuth;
import static io.tollgate.adapter.postgres.Fixtures.ref;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.application.admin.EntityAdministration;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.bundled.JacksonTestCodec;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.cache.Invalidations;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.shared.ForeignKeyViolation;
import io.tollgate.domain.shared.UniqueViolation;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The V3 credential tables on a real PostgreSQL: round trips, unique columns, foreign keys and cascades. */
class CredentialStoreIT extends DatabaseIT {

    private static final List<EntitySchema> CREDENTIALS = List.of(
            KeyAuthCredentials.SCHEMA,
            BasicAuthCredentials.SCHEMA,
            Acls.SCHEMA,
            JwtSecrets.SCHEMA,
            HmacAuthCredentials.SCHEMA);
    private Entity alice;
    private Entity bob;

    @BeforeEach
    void consumers() {
        alice = consumer("alice", null);
        bob = consumer("bob", null);
        writes.insert(alice);
        writes.insert(bob);
    }

    private static Entity basicAuth(String username, Entity consumer) {
        return entity(
                BasicAuthCredentials.SCHEMA,
                Map.of("username", username, "password", "$pbkdf2-sha256$i=1$AA$AA", "consumer", ref(consumer)));
    }

    private static Entity acl(String group, Entity consumer) {
        return entity(Acls.SCHEMA, Map.of("group", group, "consumer", ref(consumer), "tags", List.of("t")));
    }

    private static Entity jwt(String key, Entity consumer) {
        return entity(JwtSecrets.SCHEMA, Map.of("key", key, "secret", "s", "consumer", ref(consumer)));
    }

    private static Entity hmac(String username, Entity consumer) {
        return entity(
                HmacAuthCredentials.SCHEMA, Map.of("username", username, "secret", "s", "consumer", ref(consumer)));
    }

    @Test
    void every_credential_round_trips_and_is_found_by_its_endpoint_key() {
        Entity basic = basicAuth("al", alice);
        Entity group = acl("admins", alice);
        Entity token = jwt("issuer", alice);
        Entity shared = hmac("al-hmac", alice);
        for (Entity credential : List.of(basic, group, token, shared)) {
            writes.insert(credential);
            assertThat(store.find(credential.schema(), credential.id())).contains(credential);
        }
        assertThat(store.findBy(BasicAuthCredentials.SCHEMA, "username", "al")).contains(basic);
        assertThat(store.findBy(JwtSecrets.SCHEMA, "key", "issuer")).contains(token);
        assertThat(store.findBy(HmacAuthCredentials.SCHEMA, "username", "al-hmac"))
                .contains(shared);

        Entity renamed = with(basic, Map.of("username", "al2"));
        writes.update(renamed);
        assertThat(store.findBy(BasicAuthCredentials.SCHEMA, "username", "al")).isEmpty();
        assertThat(store.findBy(BasicAuthCredentials.SCHEMA, "username", "al2")).contains(renamed);
        assertThat(store.page(Acls.SCHEMA, new PageRequest(10, null, "consumer", alice.id()))
                        .data())
                .containsExactly(group);
        assertThat(store.page(Acls.SCHEMA, new PageRequest(10, null, "consumer", bob.id()))
                        .data())
                .isEmpty();
        assertThat(db.dsl.fetchValue("SELECT cache_key FROM acls WHERE id = ?", group.id()))
                .isEqualTo("acls:" + alice.id() + ":admins::::" + db.workspace);
    }

    @Test
    void unique_fields_are_409s_with_kongs_fields() {
        writes.insert(basicAuth("al", alice));
        assertThat(catchThrowableOfType(UniqueViolation.class, () -> writes.insert(basicAuth("al", bob)))
                        .fields())
                .isEqualTo(Map.of("username", "al"));
        writes.insert(jwt("iss", alice));
        assertThat(catchThrowableOfType(UniqueViolation.class, () -> writes.insert(jwt("iss", bob)))
                        .fields())
                .isEqualTo(Map.of("key", "iss"));
        writes.insert(hmac("h", alice));
        assertThat(catchThrowableOfType(UniqueViolation.class, () -> writes.insert(hmac("h", bob)))
                        .fields())
                .isEqualTo(Map.of("username", "h"));
        assertThat(store.all(BasicAuthCredentials.SCHEMA)).hasSize(1);
    }

    @Test
    void a_consumer_is_in_a_group_once_but_groups_are_shared_between_consumers() {
        writes.insert(acl("admins", alice));
        writes.insert(acl("admins", bob));
        Entity ops = acl("ops", alice);
        writes.insert(ops);

        UniqueViolation again = catchThrowableOfType(UniqueViolation.class, () -> writes.insert(acl("admins", alice)));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("consumer", Map.of("id", alice.id().toString()));
        expected.put("group", "admins");
        assertThat(again.fields()).isEqualTo(expected);
        assertThat(again.code()).isEqualTo(5);
        assertThat(catchThrowableOfType(
                                UniqueViolation.class, () -> writes.update(with(ops, Map.of("group", "admins"))))
                        .fields())
                .isEqualTo(expected);
        assertThat(store.all(Acls.SCHEMA)).hasSize(3);
    }

    @Test
    void credentials_need_an_existing_consumer() {
        Entity nobody = consumer("nobody", null);
        for (Entity credential :
                List.of(basicAuth("x", nobody), acl("g", nobody), jwt("k", nobody), hmac("h", nobody))) {
            assertThat(catchThrowableOfType(ForeignKeyViolation.class, () -> writes.insert(credential))
                            .fields())
                    .as(credential.schema().name())
                    .isEqualTo(Map.of("consumer", Map.of("id", nobody.id().toString())));
        }
    }

    @Test
    void the_database_refuses_a_consumer_delete_while_any_credential_references_it() {
        writes.insert(keyAuth("k", alice));
        writes.insert(basicAuth("al", alice));
        writes.insert(acl("admins", alice));
        writes.insert(jwt("iss", alice));
        writes.insert(hmac("h", alice));
        writes.insert(acl("admins", bob));

        for (EntitySchema schema : CREDENTIALS) {
            assertThatThrownBy(() -> writes.delete(Consumers.SCHEMA, alice.id()))
                    .as(schema.name())
                    .isInstanceOf(ForeignKeyViolation.class);
            Entity credential =
                    store.referencing(schema, "consumer", alice.id()).get(0);
            writes.delete(schema, credential.id());
        }
        writes.delete(Consumers.SCHEMA, alice.id());
        assertThat(store.find(Consumers.SCHEMA, alice.id())).isEmpty();
        assertThat(store.referencing(Acls.SCHEMA, "consumer", bob.id())).hasSize(1);
    }

    @Test
    void the_administration_deletes_a_consumers_credentials_each_with_a_delete_event_in_the_log() {
        EntityAdministration admin = new EntityAdministration(
                store,
                db.eventLog,
                db.transactions,
                new LocalInvalidation(new RecordingPorts().cache, List.of()),
                UUID.randomUUID(),
                db.workspace,
                Clock.systemUTC(),
                new PasswordHasher(1000),
                JacksonTestCodec.CODEC);
        Map<String, Object> owner = Map.of("username", "alice");
        admin.create(KeyAuthCredentials.SCHEMA, Map.of("consumer", owner));
        Entity basic = admin.create(
                BasicAuthCredentials.SCHEMA, Map.of("consumer", owner, "username", "al", "password", "clear-text"));
        admin.create(Acls.SCHEMA, Map.of("consumer", owner, "group", "admins"));
        admin.create(JwtSecrets.SCHEMA, Map.of("consumer", owner));
        admin.create(HmacAuthCredentials.SCHEMA, Map.of("consumer", owner, "username", "h"));
        assertThat(db.dsl.fetchValue("SELECT count(*) FROM event_log WHERE payload::text LIKE '%clear-text%'"))
                .isEqualTo(0L);
        assertThat(db.dsl.fetchValue("SELECT entity->>'password' FROM basicauth_credentials WHERE id = ?", basic.id()))
                .isEqualTo(basic.get("password"));
        db.dsl.execute("DELETE FROM event_log");

        admin.delete(Consumers.SCHEMA, "alice");

        List<String> events = db.dsl
                .fetch("SELECT entity_name, event_type FROM event_log ORDER BY id")
                .map(r -> r.get(0) + " " + r.get(1));
        assertThat(events)
                .containsExactly(
                        "keyauth_credentials entity_deleted",
                        "basicauth_credentials entity_deleted",
                        "acls entity_deleted",
                        "jwt_secrets entity_deleted",
                        "hmacauth_credentials entity_deleted",
                        "consumers entity_deleted");
        LoggedEvent acl = db.readAfter(LogPosition.START, 10).get(2);
        assertThat(Invalidations.of((EntityEvent) acl.event(), db.workspace).cacheKeys())
                .extracting(CacheKey::value)
                .containsExactly(
                        "acls:" + alice.id() + ":admins::::" + db.workspace,
                        "acls:" + alice.id() + ":::::" + db.workspace);
    }
}
