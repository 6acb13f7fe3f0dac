package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.entity;
import static io.tollgate.adapter.postgres.Fixtures.ref;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.admin.ExpiredRowsCleanup;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Kong's row TTL on a real PostgreSQL ({@code spec/02-integration/03-db/20-ttl-cleanup_spec}): the store's reads skip
 * the key-auth credentials past their {@code ttl} (by the database's clock), the clean-up claims them with row locks
 * that a concurrent clean-up skips, and deletes them through the event log.
 */
class ExpiredRowsIT extends DatabaseIT {

    private Entity alice;
    private Entity expired;
    private Entity live;
    private Entity zero;
    private Entity forever;

    private Entity key(String key, long createdAt, @Nullable Long ttl) {
        Map<String, @Nullable Object> fields = new HashMap<>();
        fields.put("key", key);
        fields.put("consumer", ref(alice));
        fields.put("created_at", createdAt);
        fields.put("ttl", ttl);
        Entity credential = entity(KeyAuthCredentials.SCHEMA, fields);
        writes.insert(credential);
        return credential;
    }

    @BeforeEach
    void credentials() {
        alice = consumer("alice", null);
        writes.insert(alice);
        long now = System.currentTimeMillis() / 1000;
        expired = key("expired", now - 100, 10L);
        live = key("live", now, 3_600L);
        zero = key("zero", now - 100, 0L); // Kong: a ttl of 0 never expires
        forever = key("forever", now - 100, null);
    }

    @Test
    void every_read_skips_an_expired_row_but_a_cascade_still_sees_it() {
        assertThat(store.find(KeyAuthCredentials.SCHEMA, expired.id())).isEmpty();
        assertThat(store.findBy(KeyAuthCredentials.SCHEMA, "key", "expired")).isEmpty();
        assertThat(store.find(KeyAuthCredentials.SCHEMA, live.id())).contains(live);
        assertThat(store.findBy(KeyAuthCredentials.SCHEMA, "key", "zero")).contains(zero);
        assertThat(store.findAllBy(KeyAuthCredentials.SCHEMA, "key", List.of("expired", "live", "zero")))
                .containsExactlyInAnyOrder(live, zero);
        assertThat(store.findAllBy(
                        KeyAuthCredentials.SCHEMA,
                        "id",
                        List.of(expired.id().toString(), forever.id().toString())))
                .containsExactly(forever);
        List<Entity> shown = List.of(live, zero, forever);
        assertThat(store.all(KeyAuthCredentials.SCHEMA)).containsExactlyInAnyOrderElementsOf(shown);
        assertThat(store.page(KeyAuthCredentials.SCHEMA, PageRequest.first(100)).data())
                .containsExactlyInAnyOrderElementsOf(shown);
        assertThat(store.page(KeyAuthCredentials.SCHEMA, new PageRequest(100, null, "consumer", alice.id()))
                        .data())
                .containsExactlyInAnyOrderElementsOf(shown);
        assertThat(store.referencing(KeyAuthCredentials.SCHEMA, "consumer", alice.id()))
                .as("a consumer's delete cascades to every credential, expired or not")
                .hasSize(4);
        assertThat(store.claimExpired(KeyAuthCredentials.SCHEMA, 10)).containsExactly(expired);
        assertThat(store.claimExpired(Consumers.SCHEMA, 10))
                .as("consumers have no ttl")
                .isEmpty();
    }

    @Test
    void a_row_claimed_by_one_transaction_is_skipped_by_another_until_it_ends() throws Exception {
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<Entity>> holder =
                CompletableFuture.supplyAsync(() -> db.transactions.inTransaction(() -> {
                    List<Entity> rows = store.claimExpired(KeyAuthCredentials.SCHEMA, 10);
                    claimed.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return rows;
                }));
        try {
            assertThat(claimed.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(store.claimExpired(KeyAuthCredentials.SCHEMA, 10))
                    .as("another node's clean-up skips the locked row")
                    .isEmpty();
        } finally {
            release.countDown();
        }
        assertThat(holder.get(30, TimeUnit.SECONDS)).containsExactly(expired);
        assertThat(store.claimExpired(KeyAuthCredentials.SCHEMA, 10)).containsExactly(expired);
    }

    @Test
    void the_cleanup_deletes_only_the_expired_rows_each_by_a_delete_event_in_the_log() {
        RecordingPorts ports = new RecordingPorts();
        ExpiredRowsCleanup cleanup = new ExpiredRowsCleanup(
                store,
                store,
                db.eventLog,
                db.transactions,
                new LocalInvalidation(ports.cache, List.of()),
                UUID.randomUUID(),
                db.workspace);
        db.dsl.execute("DELETE FROM event_log");

        assertThat(cleanup.run()).isEqualTo(1);

        assertThat(db.dsl.fetchValue("SELECT count(*) FROM keyauth_credentials WHERE id = ?", expired.id()))
                .isEqualTo(0L);
        assertThat(db.dsl.fetchValue("SELECT count(*) FROM keyauth_credentials"))
                .isEqualTo(3L);
        assertThat(db.dsl
                        .fetch("SELECT entity_name, event_type, entity_id FROM event_log ORDER BY id")
                        .map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2)))
                .containsExactly("keyauth_credentials entity_deleted " + expired.id());
        assertThat(cleanup.run()).as("nothing left to clean up").isZero();
    }
}
