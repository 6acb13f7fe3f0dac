package io.tollgate.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogNotifications;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.event.ClusterEvent;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.shared.WorkspaceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The push half of propagation: a {@link LogNotifications} wake-up makes the follower read at once, coalesced. */
class InvalidationFollowerWakeUpTest {

    private final UUID self = UUID.randomUUID();
    private final List<LoggedEvent> logged = new CopyOnWriteArrayList<>();
    private final AtomicInteger reads = new AtomicInteger();
    /** When set, each read waits for it to open (a read "in flight"). */
    private volatile CountDownLatch gate;

    private final EventLog log = new EventLog() {
        @Override
        public void append(UUID nodeId, ClusterEvent event) {}

        @Override
        public LogPosition head() {
            return logged.isEmpty()
                    ? LogPosition.START
                    : logged.get(logged.size() - 1).position();
        }

        @Override
        public LogRead readAfter(LogPosition position, int limit) {
            reads.incrementAndGet();
            CountDownLatch g = gate;
            if (g != null) {
                try {
                    g.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return new LogRead.Events(logged.stream()
                    .filter(e -> e.position().compareTo(position) > 0)
                    .limit(limit)
                    .toList());
        }
    };

    /** Captures the callback the follower registers, as the PostgreSQL listener would call it. */
    private final AtomicReference<Runnable> listener = new AtomicReference<>();

    private final AtomicBoolean closed = new AtomicBoolean();

    private final LogNotifications notifications = new LogNotifications() {
        @Override
        public void listen(Runnable onAppend) {
            listener.set(onAppend);
        }

        @Override
        public void close() {
            closed.set(true);
        }
    };

    private void append() {
        long n = logged.size() + 1;
        logged.add(new LoggedEvent(
                new LogPosition(n, n), self, Instant.EPOCH, new EntityCreated(Entities.consumer("c" + n, null))));
    }

    /** A follower whose poll is an hour away: anything it reads soon was read because of a wake-up. */
    private InvalidationFollower follower() {
        return new InvalidationFollower(
                log,
                new LocalInvalidation(new InMemoryNodeCache(), List.of()),
                self,
                new WorkspaceId(UUID.randomUUID()),
                Duration.ofHours(1),
                Duration.ZERO,
                FollowerHooks.none().withNotifications(notifications));
    }

    @Test
    void a_wake_up_reads_the_log_at_once_and_closing_the_follower_closes_the_listener() {
        var follower = follower();
        follower.startAtHead();
        assertThat(listener.get()).as("the follower listens once started").isNotNull();
        append();
        append();
        listener.get().run();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> follower.position().equals(new LogPosition(2, 2)));
        follower.close();
        assertThat(closed).isTrue();
    }

    @Test
    void a_burst_of_wake_ups_gives_one_read_in_flight_and_at_most_one_more() {
        var follower = follower();
        follower.startAtHead();
        int before = reads.get();
        CountDownLatch inFlight = new CountDownLatch(1);
        gate = inFlight;
        listener.get().run();
        await().atMost(Duration.ofSeconds(10)).until(() -> reads.get() == before + 1);
        append();
        for (int i = 0; i < 50; i++) {
            listener.get().run();
        }
        gate = null;
        inFlight.countDown();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(5))
                .until(() -> follower.position().equals(new LogPosition(1, 1)) && reads.get() == before + 2);
        // uncoalesced, the 49 other wake-ups would each read (within microseconds of the gate opening)
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> reads.get() == before + 2);
        follower.close();
    }
}
