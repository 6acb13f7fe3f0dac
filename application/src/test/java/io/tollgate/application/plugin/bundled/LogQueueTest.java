package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LogQueueTest {

    final List<List<String>> delivered = new CopyOnWriteArrayList<>();

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    void record(List<byte[]> batch) {
        delivered.add(
                batch.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    }

    @Test
    void batches_up_to_max_batch_size_in_order() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        LogQueue queue = new LogQueue("test", new LogQueue.Settings(3, 0.2, 100, 60, 0.01, 1), batch -> {
            hold.await();
            record(batch);
        });
        for (int i = 1; i <= 7; i++) {
            assertThat(queue.offer(bytes("e" + i))).isTrue();
        }
        hold.countDown();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                delivered.stream().flatMap(List::stream).toList())
                        .containsExactly("e1", "e2", "e3", "e4", "e5", "e6", "e7"));
        assertThat(delivered).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        assertThat(delivered.get(1))
                .as("a full batch does not wait for the coalescing delay")
                .hasSize(3);
    }

    @Test
    void a_failing_batch_is_retried_until_it_is_delivered_and_later_batches_wait() {
        AtomicInteger attempts = new AtomicInteger();
        LogQueue queue = new LogQueue("test", new LogQueue.Settings(1, 0, 100, 60, 0.01, 0.05), batch -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new java.io.IOException("receiver down");
            }
            record(batch);
        });
        queue.offer(bytes("first"));
        queue.offer(bytes("second"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(delivered).containsExactly(List.of("first"), List.of("second")));
        assertThat(attempts.get()).isEqualTo(5);
    }

    @Test
    void a_batch_is_dropped_after_max_retry_time_and_the_queue_goes_on() {
        AtomicInteger attempts = new AtomicInteger();
        LogQueue queue = new LogQueue("test", new LogQueue.Settings(1, 0, 100, 0.2, 0.01, 0.02), batch -> {
            String entry = new String(batch.get(0), StandardCharsets.UTF_8);
            if (entry.equals("poison")) {
                attempts.incrementAndGet();
                throw new java.io.IOException("refused");
            }
            record(batch);
        });
        queue.offer(bytes("poison"));
        queue.offer(bytes("after"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(delivered).containsExactly(List.of("after")));
        assertThat(attempts.get()).as("retried, then given up").isGreaterThan(1);
    }

    @Test
    void a_full_queue_drops_new_entries_instead_of_growing() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        LogQueue queue = new LogQueue("test", new LogQueue.Settings(1, 0, 2, 60, 0.01, 1), batch -> {
            hold.await();
            record(batch);
        });
        queue.offer(bytes("taken")); // the sender holds this one
        await().atMost(Duration.ofSeconds(20)).until(() -> queue.size() == 0);
        assertThat(queue.offer(bytes("a"))).isTrue();
        assertThat(queue.offer(bytes("b"))).isTrue();
        assertThat(queue.offer(bytes("c"))).as("max_entries = 2").isFalse();
        hold.countDown();

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(delivered).containsExactly(List.of("taken"), List.of("a"), List.of("b")));
    }

    @Test
    void an_idle_empty_queue_tells_its_owner_and_an_entry_offered_afterwards_is_still_sent() {
        List<LogQueue> idle = new CopyOnWriteArrayList<>();
        LogQueue queue =
                new LogQueue("test", new LogQueue.Settings(1, 0, 100, 60, 0.01, 1), this::record, 50, idle::add);
        queue.offer(bytes("one"));

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(idle).containsExactly(queue));
        assertThat(delivered).containsExactly(List.of("one"));

        queue.offer(bytes("two"));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(delivered).containsExactly(List.of("one"), List.of("two")));
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(idle).hasSize(2));
    }
}
