package io.tollgate.application.proxy.health;

import io.tollgate.application.port.PeerOutcome;
import java.util.Objects;

/**
 * One target's health and counters, immutable (lua-resty-healthcheck's model, which Kong uses). A target starts
 * {@link Health#HEALTHY}. A success counts toward {@code successes} and clears the failure counters; a failure
 * (HTTP, TCP or timeout) counts toward its own limit and clears the success counter. Reaching a limit moves the target
 * to fully healthy / unhealthy; a first failure of a healthy target makes it {@link Health#MOSTLY_HEALTHY} (still
 * available), a first success of an unhealthy one {@link Health#MOSTLY_UNHEALTHY} (still unavailable). Successes are
 * not counted while fully healthy, failures not while fully unhealthy; a limit of 0 disables that counter. A forced
 * state ({@link #forced}) resets every counter. Counters saturate at 255 (Kong keeps them in 8 bits).
 *
 * @param health the internal state
 * @param successes consecutive successes counted
 * @param httpFailures HTTP failures counted (unhealthy statuses, unreadable responses)
 * @param tcpFailures TCP failures counted
 * @param timeouts timeouts counted
 */
public record TargetState(Health health, int successes, int httpFailures, int tcpFailures, int timeouts) {

    /** A target the checker has just learnt of. */
    public static final TargetState INITIAL = new TargetState(Health.HEALTHY, 0, 0, 0, 0);

    private static final int MAX = 255;

    /** lua-resty-healthcheck's four internal states. */
    public enum Health {
        HEALTHY(true),
        MOSTLY_HEALTHY(true),
        MOSTLY_UNHEALTHY(false),
        UNHEALTHY(false);

        private final boolean available;

        Health(boolean available) {
            this.available = available;
        }

        /** Whether the balancer may use a target in this state. */
        public boolean available() {
            return available;
        }
    }

    /** The kind of failure, each with its own counter and limit. */
    public enum Failure {
        HTTP,
        TCP,
        TIMEOUT
    }

    public TargetState {
        Objects.requireNonNull(health, "health");
    }

    /** A state set by an operator: fully healthy or unhealthy, counters cleared. */
    public static TargetState forced(boolean healthy) {
        return new TargetState(healthy ? Health.HEALTHY : Health.UNHEALTHY, 0, 0, 0, 0);
    }

    /** Whether the balancer may use the target. */
    public boolean available() {
        return health.available();
    }

    /**
     * Counts one outcome with the given counters: a {@code RESPONSE} by its status (a status in neither list is
     * ignored; status 0, an unreadable response, is an HTTP failure), a {@code TCP_ERROR} or a {@code TIMEOUT} as
     * such.
     */
    public TargetState report(PeerOutcome outcome, CheckSettings.Counters counters) {
        return switch (outcome.kind()) {
            case RESPONSE -> {
                if (counters.healthyStatuses().contains(outcome.status())) {
                    yield success(counters.successes());
                } else if (outcome.status() == 0 || counters.unhealthyStatuses().contains(outcome.status())) {
                    yield failure(Failure.HTTP, counters.httpFailures());
                }
                yield this;
            }
            case TCP_ERROR -> failure(Failure.TCP, counters.tcpFailures());
            case TIMEOUT -> failure(Failure.TIMEOUT, counters.timeouts());
        };
    }

    /** Counts a success; {@code limit} successes make the target healthy (0: not counted). */
    public TargetState success(int limit) {
        if (limit == 0 || health == Health.HEALTHY) {
            return this;
        }
        int count = Math.min(MAX, successes + 1);
        Health next = count >= limit ? Health.HEALTHY : health == Health.UNHEALTHY ? Health.MOSTLY_UNHEALTHY : health;
        return new TargetState(next, count, 0, 0, 0);
    }

    /** Counts a failure of {@code kind}; {@code limit} of them make the target unhealthy (0: not counted). */
    public TargetState failure(Failure kind, int limit) {
        if (limit == 0 || health == Health.UNHEALTHY) {
            return this;
        }
        int http = kind == Failure.HTTP ? Math.min(MAX, httpFailures + 1) : httpFailures;
        int tcp = kind == Failure.TCP ? Math.min(MAX, tcpFailures + 1) : tcpFailures;
        int timeout = kind == Failure.TIMEOUT ? Math.min(MAX, timeouts + 1) : timeouts;
        int count = switch (kind) {
            case HTTP -> http;
            case TCP -> tcp;
            case TIMEOUT -> timeout;
        };
        Health next = count >= limit ? Health.UNHEALTHY : health == Health.HEALTHY ? Health.MOSTLY_HEALTHY : health;
        return new TargetState(next, 0, http, tcp, timeout);
    }
}
