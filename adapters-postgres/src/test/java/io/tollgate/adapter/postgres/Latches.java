package io.tollgate.adapter.postgres;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a latch from inside a transaction's work, where a checked exception cannot pass. */
final class Latches {

    private Latches() {}

    /**
     * Waits until {@code latch} opens.
     *
     * @param seconds the deadline, seconds
     * @throws IllegalStateException {@code timedOut} when it did not open in time, or when the thread was interrupted
     */
    static void await(CountDownLatch latch, long seconds, String timedOut) {
        try {
            if (!latch.await(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(timedOut);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
