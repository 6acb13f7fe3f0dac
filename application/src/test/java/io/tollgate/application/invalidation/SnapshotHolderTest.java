package io.tollgate.application.invalidation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.testing.VersionBumps;
import io.tollgate.domain.catalog.VersionKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotHolderTest {

    /** What a snapshot saw: how many writes were committed when it read, and how many snapshots came before it. */
    record Snapshot(int writes, int generation) {}

    /** The "database": a count of committed writes, unreadable while {@link #down}. */
    private final AtomicInteger writes = new AtomicInteger();

    private volatile boolean down;
    private volatile boolean rejectHandOver;
    private final AtomicInteger attempts = new AtomicInteger();
    /** The first attempt signals {@link #reading} and waits for {@link #release}. */
    private final CountDownLatch reading = new CountDownLatch(1);

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Snapshot> handedOver = new CopyOnWriteArrayList<>();

    final class Counter extends SnapshotHolder<Snapshot> {
        Counter() {
            super(VersionKey.ROUTER, new Snapshot(0, 0));
        }

        @Override
        protected Snapshot compile(Snapshot previous) {
            if (attempts.getAndIncrement() == 0) {
                reading.countDown();
                try {
                    assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (down) {
                throw new IllegalStateException("database down");
            }
            return new Snapshot(writes.get(), previous.generation() + 1);
        }

        @Override
        protected void onRebuilt(Snapshot snapshot) {
            if (rejectHandOver) {
                throw new IllegalStateException("topology refused");
            }
            handedOver.add(snapshot);
        }
    }

    private final LogCapture log = LogCapture.of(Counter.class);

    private final Counter holder;

    SnapshotHolderTest() {
        holder = new Counter();
    }

    @AfterEach
    void detach() {
        log.close();
    }

    /** Starts {@code n} threads that each commit a write, rebuild, and record whether the snapshot shows it. */
    private List<Thread> burst(int n, List<Object> outcomes) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int write = writes.incrementAndGet();
            Thread t = new Thread(() -> {
                try {
                    holder.rebuild();
                    outcomes.add(holder.current().writes() >= write);
                } catch (RuntimeException e) {
                    outcomes.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        // every caller has taken its ticket and is parked on the rebuild lock
        await().atMost(Duration.ofSeconds(20))
                .until(() -> threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING));
        return threads;
    }

    private static void join(Thread thread) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(thread.isAlive()).isFalse();
    }

    @Test
    void readers_keep_the_previous_snapshot_without_waiting_while_a_rebuild_runs() throws Exception {
        writes.incrementAndGet();
        Thread rebuild = new Thread(holder::rebuild);
        rebuild.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();

        Snapshot during = assertTimeoutPreemptively(Duration.ofSeconds(2), holder::current);
        assertThat(during).isEqualTo(new Snapshot(0, 0));

        release.countDown();
        join(rebuild);
        assertThat(holder.current()).isEqualTo(new Snapshot(1, 1));
        assertThat(handedOver).containsExactly(new Snapshot(1, 1));
    }

    @Test
    void a_burst_during_a_rebuild_costs_one_more_rebuild_and_every_caller_sees_its_write() throws Exception {
        Thread first = new Thread(holder::rebuild);
        first.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        List<Thread> threads = burst(50, outcomes);

        release.countDown();
        join(first);
        for (Thread t : threads) {
            join(t);
        }

        assertThat(outcomes).hasSize(50).containsOnly(true);
        assertThat(holder.rebuildCount())
                .as("the blocked rebuild, then one for the whole burst")
                .isEqualTo(2);
        assertThat(holder.current()).isEqualTo(new Snapshot(50, 2));
    }

    @Test
    void sequential_calls_rebuild_once_each_over_the_previous_snapshot() {
        release.countDown();
        for (int i = 1; i <= 3; i++) {
            writes.incrementAndGet();
            holder.rebuild();
            assertThat(holder.current()).isEqualTo(new Snapshot(i, i));
        }
        assertThat(holder.rebuildCount()).isEqualTo(3);
    }

    @Test
    void callers_waiting_for_a_failing_attempt_share_its_failure_instead_of_reading_again() throws Exception {
        down = true;
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        Thread first = new Thread(() -> {
            try {
                holder.rebuild();
                outcomes.add("returned");
            } catch (RuntimeException e) {
                outcomes.add(e);
            }
        });
        first.start();
        assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
        List<Thread> threads = burst(50, outcomes);

        release.countDown();
        join(first);
        for (Thread t : threads) {
            join(t);
        }

        assertThat(outcomes)
                .hasSize(51)
                .allSatisfy(o -> assertThat(o)
                        .isInstanceOf(IllegalStateException.class)
                        .hasFieldOrPropertyWithValue("message", "database down"));
        assertThat(attempts)
                .as("the blocked attempt, then one for the whole burst")
                .hasValue(2);
        assertThat(holder.current()).isEqualTo(new Snapshot(0, 0));
        assertThat(log.at(Level.SEVERE)).hasSize(1);
    }

    @Test
    void a_failure_keeps_the_previous_snapshot_is_logged_once_and_is_retried_until_it_recovers() {
        release.countDown();
        LocalInvalidation invalidation = new LocalInvalidation(new InMemoryNodeCache(), List.of(holder));
        writes.incrementAndGet();
        VersionBumps.apply(invalidation, VersionKey.ROUTER);
        Snapshot before = holder.current();
        assertThat(before).isEqualTo(new Snapshot(1, 1));

        down = true;
        writes.incrementAndGet();
        VersionBumps.apply(invalidation, VersionKey.ROUTER);
        invalidation.retryPending();
        invalidation.retryPending();
        assertThat(holder.current()).isSameAs(before);
        assertThat(attempts)
                .as("the first build, the failed one and two retries")
                .hasValue(4);
        assertThat(log.at(Level.SEVERE))
                .singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("router:version"))
                .satisfies(r -> assertThat(r.getThrown()).hasMessage("database down"));

        down = false;
        invalidation.retryPending();
        assertThat(holder.current()).isEqualTo(new Snapshot(2, 2));
        assertThat(log.at(Level.INFO))
                .singleElement()
                .satisfies(r -> assertThat(r.getMessage()).contains("after 3 failed attempt(s)"));

        invalidation.retryPending();
        assertThat(attempts).as("nothing is pending any more").hasValue(5);
        assertThat(log.at(Level.SEVERE)).hasSize(1);
    }

    @Test
    void a_refused_hand_over_fails_the_rebuild_and_keeps_the_previous_snapshot() {
        release.countDown();
        holder.rebuild();
        Snapshot before = holder.current();

        rejectHandOver = true;
        writes.incrementAndGet();
        assertThatThrownBy(holder::rebuild).hasMessage("topology refused");
        assertThat(holder.current()).isSameAs(before);

        rejectHandOver = false;
        holder.rebuild();
        assertThat(holder.current()).isEqualTo(new Snapshot(1, 2));
        assertThat(handedOver).containsExactly(before, new Snapshot(1, 2));
    }
}
