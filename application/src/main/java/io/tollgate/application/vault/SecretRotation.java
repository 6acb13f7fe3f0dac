package io.tollgate.application.vault;

import io.tollgate.application.timer.NodeTimers;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rotation of resolved vault secrets: every {@code period}, on its own daemon thread, asks each structure built from
 * resolved references to rebuild if one of its references is due ({@link Rotating#rotateIfDue()}; Kong's vault
 * {@code ttl} and {@code neg_ttl}). Never on the request path; a failure is logged and the next round goes on.
 */
public final class SecretRotation implements AutoCloseable {

    /** A structure holding resolved secrets. */
    @FunctionalInterface
    public interface Rotating {
        /**
         * Rebuilds when a reference it holds is due for resolving again.
         *
         * @return whether it rebuilt
         */
        boolean rotateIfDue();
    }

    private static final System.Logger LOG = System.getLogger(SecretRotation.class.getName());

    private final List<Rotating> structures;
    private final ScheduledExecutorService scheduler;

    /** @param structures the structures to rotate, in order */
    public SecretRotation(List<Rotating> structures) {
        this.structures = List.copyOf(structures);
        this.scheduler = NodeTimers.scheduler("tollgate-secret-rotation");
    }

    /**
     * Starts the rounds.
     *
     * @param period time between rounds, > 0 (the node uses 1 second: a vault's {@code ttl} is in seconds)
     */
    public void start(Duration period) {
        Objects.requireNonNull(period, "period");
        long ms = Math.max(1, period.toMillis());
        scheduler.scheduleWithFixedDelay(this::round, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** One round: each structure rotates if due. */
    public void round() {
        for (Rotating structure : structures) {
            try {
                structure.rotateIfDue();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "secret rotation failed; retrying next round", e);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
