package io.tollgate.application.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DatabaseOutagesTest {

    private final AtomicLong clock = new AtomicLong();
    private final DatabaseOutages outages = new DatabaseOutages(clock::get);
    private final DatabaseUnavailable failure = new DatabaseUnavailable("database unavailable: refused", null);

    @Test
    void without_a_probe_an_outage_never_makes_work_fail_fast() {
        outages.failed(failure);
        assertThat(outages.down()).isFalse();
    }

    @Test
    void a_request_failure_alone_is_no_outage() {
        outages.watch(() -> true, () -> {});
        outages.record(DatabaseOutages.Effect.ADMIN_REFUSED, failure); // e.g. a lock_timeout
        assertThat(outages.down()).isFalse();
    }

    @Test
    void the_first_failure_starts_an_outage_that_the_probe_ends_once_the_database_answers() {
        AtomicBoolean reachable = new AtomicBoolean();
        AtomicInteger backs = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        outages.watch(
                () -> {
                    probes.incrementAndGet();
                    return reachable.get();
                },
                backs::incrementAndGet);

        outages.failed(failure);
        outages.record(DatabaseOutages.Effect.ADMIN_REFUSED, failure);
        outages.record(DatabaseOutages.Effect.MISS_REFUSED, failure);
        outages.count(DatabaseOutages.Effect.SERVED_STALE);
        assertThat(outages.down()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> probes.get() >= 2);
        assertThat(outages.down()).as("still unreachable").isTrue();
        assertThat(backs).hasValue(0);

        reachable.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> backs.get() == 1);
        assertThat(outages.down()).isFalse();

        outages.recovered(); // no outage on: nothing happens
        assertThat(backs).hasValue(1);

        reachable.set(false);
        outages.failed(failure); // a new outage, ended again by the probe
        assertThat(outages.down()).isTrue();
        reachable.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> backs.get() == 2);
    }

    @Test
    void a_connection_attempt_that_waited_through_the_end_of_an_outage_starts_no_new_one() {
        AtomicBoolean reachable = new AtomicBoolean();
        AtomicInteger backs = new AtomicInteger();
        outages.watch(reachable::get, backs::incrementAndGet);
        long waitingSince = outages.ended(); // an attempt begins, then waits pg_timeout for a connection

        outages.failed(failure); // another attempt's failure starts the outage
        reachable.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> backs.get() == 1);
        outages.failed(failure, waitingSince); // the first attempt gives up after the database came back

        assertThat(outages.down()).as("a stale failure").isFalse();
        reachable.set(false);
        outages.failed(failure, outages.ended()); // an attempt that began after the end
        assertThat(outages.down()).as("a fresh failure").isTrue();
    }
}
