package io.tollgate.application.port.in;

import java.util.List;
import java.util.Objects;

/** The node's periodic background tasks and what they did, for Kong's {@code GET /timers}. */
@FunctionalInterface
public interface InspectTimers {

    /** What the node's timers are doing now and have done since it started. */
    Timers timers();

    /**
     * All timers together (Kong's {@code sys}): each scheduled task is one timer.
     *
     * @param running tasks running now
     * @param runs runs finished so far, in all timers
     * @param pending tasks whose time has come that have not started yet
     * @param waiting tasks waiting for their time
     * @param timers each named timer (one scheduler of the node), by name
     */
    record Timers(int running, long runs, int pending, int waiting, List<Timer> timers) {

        public Timers {
            timers = List.copyOf(timers);
        }

        /** Every task the timers hold: running, pending and waiting. */
        public int total() {
            return running + pending + waiting;
        }
    }

    /**
     * One named timer: a scheduler of the node and the runs of its tasks.
     *
     * @param name the scheduler's name (its thread's)
     * @param running its tasks running now
     * @param pending its tasks whose time has come that have not started yet
     * @param runs its runs finished so far
     * @param finish its runs finished without an error
     * @param lastError the last run's error, empty when none failed
     * @param elapsed how long its runs took, in seconds
     */
    record Timer(String name, int running, int pending, long runs, long finish, String lastError, Elapsed elapsed) {

        public Timer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lastError, "lastError");
            Objects.requireNonNull(elapsed, "elapsed");
        }
    }

    /** The time runs took, in seconds: all zero before the first run. */
    record Elapsed(double min, double max, double avg, double variance) {}
}
