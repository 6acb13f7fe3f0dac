package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tollgate.domain.event.EntityCreated;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The event log's wake-ups on a real PostgreSQL: delivered at commit, never for a rollback, back after a cut. */
class PgLogNotificationsIT extends DatabaseIT {

    private final AtomicInteger wakeUps = new AtomicInteger();
    private final PgLogNotifications notifications = new PgLogNotifications(db.database);

    @AfterEach
    void stop() {
        notifications.close();
    }

    /** Starts listening and waits for the wake-up every (re)connection gives; returns the count then. */
    private int listening() {
        notifications.listen(wakeUps::incrementAndGet);
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeUps.get() >= 1);
        return wakeUps.get();
    }

    private static int listenerBackends() {
        return db.dsl
                .fetchOne("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'tollgate-log-listener'")
                .get(0, Integer.class);
    }

    @Test
    void a_committed_write_wakes_the_listener_once_however_many_events_it_appended() {
        int before = listening();
        db.transactions.inTransaction(() -> {
            db.eventLog.append(UUID.randomUUID(), new EntityCreated(service("one")));
            db.eventLog.append(UUID.randomUUID(), new EntityCreated(service("two")));
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() == before + 1);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(3)).until(() -> wakeUps.get() == before + 1);
    }

    @Test
    void a_rolled_back_write_wakes_nobody() {
        int before = listening();
        IllegalStateException boom = new IllegalStateException("boom");
        assertThatThrownBy(() -> db.transactions.inTransaction(() -> {
                    db.eventLog.append(UUID.randomUUID(), new EntityCreated(service("gone")));
                    throw boom;
                }))
                .isSameAs(boom);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3)).until(() -> wakeUps.get() == before);
    }

    @Test
    void a_lost_listener_connection_is_reopened_and_wakes_the_node_for_what_it_may_have_missed() {
        int before = listening();
        assertThat(listenerBackends()).isEqualTo(1);
        db.dsl.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = 'tollgate-log-listener'");
        await().atMost(Duration.ofSeconds(10)).until(() -> wakeUps.get() > before);
        await().atMost(Duration.ofSeconds(10)).until(() -> listenerBackends() == 1);
        int reconnected = wakeUps.get();
        db.transactions.inTransaction(() -> {
            db.eventLog.append(UUID.randomUUID(), new EntityCreated(service("after")));
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> wakeUps.get() > reconnected);
    }

    @Test
    void closing_releases_the_connection() {
        listening();
        notifications.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> listenerBackends() == 0);
    }
}
