package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.Acls;
import io.tollgate.domain.credential.BasicAuthCredentials;
import io.tollgate.domain.credential.HmacAuthCredentials;
import io.tollgate.domain.credential.JwtSecrets;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Credentials through the generic administration: password hashing on every write path, cascades and purges. */
class CredentialAdministrationTest {

    private final RecordingPorts ports = new RecordingPorts();
    private final InMemoryEntityStore store = ports.store;
    private final EventLog log = ports.log;
    private final Transactions transactions = ports.transactions;
    private final NodeCache cache = ports.cache;
    private final List<EntityEvent> appended = ports.appended;
    private final List<String> purged = ports.purged;
    private final WorkspaceId ws = new WorkspaceId(UUID.randomUUID());
    private final PasswordHasher hasher = new PasswordHasher(1000);

    private final EntityAdministration admin = new EntityAdministration(
            store,
            log,
            transactions,
            new LocalInvalidation(cache, List.of()),
            UUID.randomUUID(),
            ws,
            Clock.systemUTC(),
            hasher,
            io.tollgate.application.plugin.bundled.JacksonTestCodec.CODEC);

    private Entity consumer() {
        return admin.create(Consumers.SCHEMA, Map.of("username", "alice"));
    }

    private String storedPassword(Entity credential) {
        return store.find(BasicAuthCredentials.SCHEMA, credential.id())
                .orElseThrow()
                .string("password");
    }

    @Test
    void a_created_password_is_stored_and_returned_only_as_a_salted_hash() {
        Entity alice = consumer();
        Entity created = admin.create(
                BasicAuthCredentials.SCHEMA,
                Map.of("consumer", Map.of("username", "alice"), "username", "al", "password", "open sesame"));
        String hash = created.string("password");
        assertThat(hash).startsWith("$pbkdf2-sha256$i=1000$").doesNotContain("open sesame");
        assertThat(storedPassword(created)).isEqualTo(hash);
        assertThat(hasher.matches(hash, "open sesame", alice.id())).isTrue();
        assertThat(appended.get(appended.size() - 1).entity().get("password")).isEqualTo(hash);
        assertThat(purged).contains("basicauth_credentials:al:::::" + ws);
    }

    @Test
    void a_patch_without_a_password_keeps_the_hash_and_one_with_a_password_rehashes() {
        Entity alice = consumer();
        Entity created = admin.create(
                BasicAuthCredentials.SCHEMA,
                Map.of("consumer", Map.of("id", alice.id().toString()), "username", "al", "password", "one"));
        String first = created.string("password");

        Entity renamed =
                admin.update(BasicAuthCredentials.SCHEMA, "al", Map.of("username", "al2", "tags", List.of("t")));
        assertThat(renamed.string("password")).isEqualTo(first);
        assertThat(storedPassword(created)).isEqualTo(first);

        Entity changed = admin.update(BasicAuthCredentials.SCHEMA, "al2", Map.of("password", "two"));
        String second = changed.string("password");
        assertThat(second).isNotEqualTo(first).isNotEqualTo("two");
        assertThat(hasher.matches(second, "two", alice.id())).isTrue();
        assertThat(hasher.matches(second, "one", alice.id())).isFalse();
        assertThat(storedPassword(created)).isEqualTo(second);
    }

    @Test
    void a_put_hashes_its_password_and_requires_one() {
        Entity alice = consumer();
        Map<String, Object> body = Map.of("consumer", Map.of("id", alice.id().toString()), "password", "three");
        Entity put = admin.upsert(BasicAuthCredentials.SCHEMA, "al", body);
        assertThat(put.string("username")).isEqualTo("al");
        assertThat(hasher.matches(put.string("password"), "three", alice.id())).isTrue();
        Entity again = admin.upsert(BasicAuthCredentials.SCHEMA, "al", body);
        assertThat(again.id()).isEqualTo(put.id());
        assertThat(again.string("password")).isNotEqualTo(put.string("password"));
        assertThat(hasher.matches(again.string("password"), "three", alice.id()))
                .isTrue();

        assertThatThrownBy(() -> admin.upsert(
                        BasicAuthCredentials.SCHEMA,
                        "al",
                        Map.of("consumer", Map.of("id", alice.id().toString()))))
                .isInstanceOf(SchemaViolation.class)
                .hasMessage("schema violation (password: required field missing)");
        assertThat(storedPassword(put)).isEqualTo(again.string("password"));
    }

    @Test
    void other_credentials_keep_their_secrets_and_get_generated_ones() {
        Entity alice = consumer();
        Map<String, Object> owner = Map.of("id", alice.id().toString());
        Entity hmac =
                admin.create(HmacAuthCredentials.SCHEMA, Map.of("consumer", owner, "username", "h", "secret", "plain"));
        assertThat(hmac.get("secret")).isEqualTo("plain");
        Entity jwt = admin.create(JwtSecrets.SCHEMA, Map.of("consumer", owner));
        assertThat(jwt.string("key")).hasSize(32);
        assertThat(jwt.string("secret")).hasSize(32).isNotEqualTo(jwt.string("key"));
        assertThat(jwt.get("algorithm")).isEqualTo("HS256");
        assertThat(admin.create(HmacAuthCredentials.SCHEMA, Map.of("consumer", owner, "username", "h2"))
                        .string("secret"))
                .hasSize(32);
    }

    @Test
    void deleting_a_consumer_deletes_every_credential_with_an_event_and_purges_the_acl_group_list() {
        Entity alice = consumer();
        Map<String, Object> owner = Map.of("id", alice.id().toString());
        admin.create(KeyAuthCredentials.SCHEMA, Map.of("consumer", owner));
        admin.create(BasicAuthCredentials.SCHEMA, Map.of("consumer", owner, "username", "b", "password", "p"));
        admin.create(Acls.SCHEMA, Map.of("consumer", owner, "group", "admins"));
        admin.create(JwtSecrets.SCHEMA, Map.of("consumer", owner, "key", "iss"));
        admin.create(HmacAuthCredentials.SCHEMA, Map.of("consumer", owner, "username", "h"));
        appended.clear();
        purged.clear();

        assertThat(admin.delete(Consumers.SCHEMA, "alice")).isTrue();

        assertThat(appended)
                .allMatch(e -> e instanceof EntityDeleted)
                .extracting(e -> e.entity().schema().name())
                .containsExactly(
                        "keyauth_credentials",
                        "basicauth_credentials",
                        "acls",
                        "jwt_secrets",
                        "hmacauth_credentials",
                        "consumers");
        assertThat(purged)
                .contains(
                        "acls:" + alice.id() + ":admins::::" + ws,
                        "acls:" + alice.id() + ":::::" + ws,
                        "jwt_secrets:iss:::::" + ws,
                        "hmacauth_credentials:h:::::" + ws,
                        "basicauth_credentials:b:::::" + ws);
        for (var schema : List.of(
                KeyAuthCredentials.SCHEMA,
                BasicAuthCredentials.SCHEMA,
                Acls.SCHEMA,
                JwtSecrets.SCHEMA,
                HmacAuthCredentials.SCHEMA)) {
            assertThat(store.all(schema)).as(schema.name()).isEmpty();
        }
    }
}
