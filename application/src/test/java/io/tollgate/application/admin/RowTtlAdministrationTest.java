package io.tollgate.application.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.plugin.bundled.JacksonTestCodec;
import io.tollgate.application.port.PageRequest;
import io.tollgate.application.testing.RecordingPorts;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.entity.TimeToLive;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Kong's row TTL through the Admin API's use cases: a {@code ttl} counts from the write that gives it and reads show the
 * seconds left (Kong's postgres strategy), while a write that does not give one keeps the expiry.
 */
class RowTtlAdministrationTest {

    private final AtomicLong seconds = new AtomicLong(1_700_000_000L);
    private final RecordingPorts ports = new RecordingPorts();
    private final EntityAdministration admin = new EntityAdministration(
            ports.store,
            ports.log,
            ports.transactions,
            new LocalInvalidation(ports.cache, List.of()),
            UUID.randomUUID(),
            new WorkspaceId(UUID.randomUUID()),
            new SteppedClock(seconds),
            new PasswordHasher(1000),
            JacksonTestCodec.CODEC);

    @Test
    void reads_show_the_seconds_left_and_a_patch_giving_a_ttl_counts_it_from_then() {
        admin.create(Consumers.SCHEMA, Map.of("username", "alice"));
        Entity created = admin.create(
                KeyAuthCredentials.SCHEMA, Map.of("key", "k1", "ttl", 60, "consumer", Map.of("username", "alice")));
        assertThat(created.get("ttl")).isEqualTo(60L);
        String id = created.id().toString();

        seconds.addAndGet(20);
        assertThat(admin.get(KeyAuthCredentials.SCHEMA, id).orElseThrow().get("ttl"))
                .isEqualTo(40L);
        assertThat(admin.list(KeyAuthCredentials.SCHEMA, PageRequest.first(100)).data())
                .singleElement()
                .satisfies(e -> assertThat(e.get("ttl")).isEqualTo(40L));

        // a PATCH of another field keeps the expiry
        Entity tagged = admin.update(KeyAuthCredentials.SCHEMA, id, Map.of("tags", List.of("t")));
        assertThat(tagged.get("ttl")).isEqualTo(40L);
        assertThat(TimeToLive.expiresAt(stored(id))).isEqualTo(1_700_000_060L);

        // a PATCH giving a ttl restarts the count from now, although created_at is 20 s back
        seconds.addAndGet(10);
        Entity renewed = admin.update(KeyAuthCredentials.SCHEMA, id, Map.of("ttl", 60));
        assertThat(renewed.get("ttl")).isEqualTo(60L);
        assertThat(TimeToLive.expiresAt(stored(id))).isEqualTo(1_700_000_090L);

        // a PUT without a ttl makes it last, one with a ttl counts from then
        seconds.addAndGet(5);
        Entity put = admin.upsert(
                KeyAuthCredentials.SCHEMA, id, Map.of("key", "k1", "ttl", 30, "consumer", Map.of("username", "alice")));
        assertThat(put.get("ttl")).isEqualTo(30L);
        assertThat(TimeToLive.expiresAt(stored(id))).isEqualTo(1_700_000_065L);
        admin.upsert(KeyAuthCredentials.SCHEMA, id, Map.of("key", "k1", "consumer", Map.of("username", "alice")));
        assertThat(TimeToLive.expiresAt(stored(id))).isNull();
    }

    private Entity stored(String id) {
        return ports.store.find(KeyAuthCredentials.SCHEMA, UUID.fromString(id)).orElseThrow();
    }

    /** A clock at {@code seconds} since the epoch, moved by the test. */
    private static final class SteppedClock extends Clock {
        private final AtomicLong seconds;

        SteppedClock(AtomicLong seconds) {
            this.seconds = seconds;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.get());
        }
    }
}
