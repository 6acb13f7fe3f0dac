package io.tollgate.application.plugin.bundled;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import io.tollgate.application.plugin.spi.PluginConfig;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Kong's plugin queue ({@code kong.tools.queue}, the {@code queue} record of the log plugins): entries are taken
 * without blocking, kept in a bounded buffer ({@code max_entries}; a full queue drops new entries and warns once until
 * it has room again), and sent in order by one virtual thread in batches of up to {@code max_batch_size}, waiting at
 * most {@code max_coalescing_delay} seconds for a batch to fill. A batch that fails is retried with exponential
 * back-off from {@code initial_retry_delay} to {@code max_retry_delay} seconds for at most {@code max_retry_time}
 * seconds (Failsafe), each failed attempt warned about as Kong's queue does ({@code handler could not process entries:
 * <reason>}), then dropped with an error; later batches wait meanwhile, so order is kept. The sending thread
 * ends after a minute without entries (telling its owner, which may forget the queue) and starts again with the next
 * one.
 */
final class LogQueue {

    private static final System.Logger LOG = System.getLogger(LogQueue.class.getName());
    /** How long a sending thread waits for an entry before it ends, ms. */
    static final long IDLE_EXIT_MS = 60_000;

    /** Sends one batch; throws when it could not be delivered (the batch is then retried). */
    @FunctionalInterface
    interface Sender {
        void send(List<byte[]> batch) throws Exception;
    }

    /**
     * A queue's settings, Kong's {@code queue} record: sizes in entries, times in seconds (as Kong's schema).
     *
     * @param maxBatchSize entries per batch (1: each entry alone)
     * @param maxCoalescingDelay seconds a partial batch waits for more entries
     * @param maxEntries entries held at most; more are dropped
     * @param maxRetryTime seconds a failing batch is retried for
     * @param initialRetryDelay seconds before the first retry
     * @param maxRetryDelay the longest wait between retries, seconds
     */
    record Settings(
            int maxBatchSize,
            double maxCoalescingDelay,
            int maxEntries,
            double maxRetryTime,
            double initialRetryDelay,
            double maxRetryDelay) {

        /** The {@code queue} record of a log plugin's config, with Kong's defaults for missing fields. */
        static Settings of(PluginConfig config) {
            Object queue = config.values().get("queue");
            Map<?, ?> q = queue instanceof Map<?, ?> m ? m : Map.of();
            return new Settings(
                    (int) number(q, "max_batch_size", 1),
                    number(q, "max_coalescing_delay", 1),
                    (int) number(q, "max_entries", 10_000),
                    number(q, "max_retry_time", 60),
                    number(q, "initial_retry_delay", 0.01),
                    number(q, "max_retry_delay", 60));
        }

        private static double number(Map<?, ?> queue, String field, double fallback) {
            return queue.get(field) instanceof Number n ? n.doubleValue() : fallback;
        }
    }

    private final String name;
    private final Settings settings;
    private final Sender sender;
    private final long idleExitMs;
    private final Consumer<LogQueue> onIdle;
    private final BlockingQueue<byte[]> entries;
    private final RetryPolicy<Object> retry;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean dropping = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * @param name how log lines name the queue, e.g. {@code http-log http://collector:9000/logs}
     */
    LogQueue(String name, Settings settings, Sender sender) {
        this(name, settings, sender, IDLE_EXIT_MS, idle -> {});
    }

    /**
     * @param name how log lines name the queue, e.g. {@code http-log http://collector:9000/logs}
     * @param idleExitMs how long the sending thread waits for an entry before it ends, ms
     * @param onIdle called with this queue when the sending thread ends with nothing left to send; an owner that
     *     forgets the queue then loses nothing (an entry offered meanwhile starts the thread again)
     */
    LogQueue(String name, Settings settings, Sender sender, long idleExitMs, Consumer<LogQueue> onIdle) {
        this.name = name;
        this.settings = settings;
        this.sender = sender;
        this.idleExitMs = idleExitMs;
        this.onIdle = onIdle;
        this.entries = new ArrayBlockingQueue<>(Math.max(1, settings.maxEntries()));
        this.retry = retryPolicy(settings);
    }

    private static RetryPolicy<Object> retryPolicy(Settings settings) {
        long maxTimeMs = millis(settings.maxRetryTime());
        if (maxTimeMs <= 0) {
            return RetryPolicy.builder().withMaxRetries(0).build();
        }
        long initial = Math.max(1, millis(settings.initialRetryDelay()));
        long max = Math.max(initial + 1, millis(settings.maxRetryDelay()));
        return RetryPolicy.builder()
                .handle(Exception.class)
                .withBackoff(Duration.ofMillis(initial), Duration.ofMillis(max))
                .withMaxRetries(-1)
                .withMaxDuration(Duration.ofMillis(Math.max(maxTimeMs, initial + 1)))
                .build();
    }

    private static long millis(double seconds) {
        return Math.round(seconds * 1000);
    }

    /**
     * Queues an entry without blocking.
     *
     * @return false when the queue was full and the entry was dropped
     */
    boolean offer(byte[] entry) {
        if (!entries.offer(entry)) {
            dropped.incrementAndGet();
            if (dropping.compareAndSet(false, true)) {
                LOG.log(
                        Level.WARNING,
                        "{0}: queue full ({1} entries), dropping entries until it has room again",
                        name,
                        settings.maxEntries());
            }
            return false;
        }
        if (dropping.get() && entries.remainingCapacity() > 0 && dropping.compareAndSet(true, false)) {
            LOG.log(Level.WARNING, "{0}: queue has room again; {1} entries were dropped", name, dropped.getAndSet(0));
        }
        if (running.compareAndSet(false, true)) {
            Thread.ofVirtual().name("log-queue").start(this::drain);
        }
        return true;
    }

    /** Entries waiting to be sent. */
    int size() {
        return entries.size();
    }

    private void drain() {
        try {
            while (true) {
                byte[] first = entries.poll(idleExitMs, TimeUnit.MILLISECONDS);
                if (first == null) {
                    running.set(false);
                    if (entries.isEmpty() || !running.compareAndSet(false, true)) {
                        onIdle.accept(this);
                        return;
                    }
                    continue;
                }
                send(batch(first));
            }
        } catch (InterruptedException e) {
            running.set(false);
            Thread.currentThread().interrupt();
        }
    }

    private List<byte[]> batch(byte[] first) throws InterruptedException {
        List<byte[]> batch = new ArrayList<>(Math.min(settings.maxBatchSize(), 64));
        batch.add(first);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis(settings.maxCoalescingDelay()));
        while (batch.size() < settings.maxBatchSize()) {
            long left = deadline - System.nanoTime();
            byte[] next = left > 0 ? entries.poll(left, TimeUnit.NANOSECONDS) : entries.poll();
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void send(List<byte[]> batch) {
        try {
            Failsafe.with(retry).run(() -> {
                try {
                    sender.send(batch);
                } catch (Exception e) {
                    LOG.log(Level.WARNING, "{0}: handler could not process entries: {1}", name, e.getMessage());
                    throw e;
                }
            });
        } catch (FailsafeException | IllegalStateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.log(
                    Level.ERROR,
                    "{0}: could not send {1} entries after retrying for {2} s, dropped: {3}",
                    name,
                    batch.size(),
                    settings.maxRetryTime(),
                    cause.toString());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, name + ": could not send " + batch.size() + " entries, dropped", e);
        }
    }
}
