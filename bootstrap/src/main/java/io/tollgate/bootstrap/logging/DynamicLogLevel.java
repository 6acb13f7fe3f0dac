package io.tollgate.bootstrap.logging;

import io.tollgate.application.port.in.NodeLogLevel;
import io.tollgate.bootstrap.config.LogLevel;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kong's dynamic log level over Logback: a change is applied as {@code log_level} is at start-up
 * ({@link Logging#apply(LogLevel)}), so Kong's eight levels map onto Logback's as {@link LogLevel} says: {@code debug}
 * DEBUG, {@code info} and {@code notice} INFO (libraries from WARN at {@code notice}), {@code warn} WARN, and
 * {@code error}, {@code crit}, {@code alert}, {@code emerg} ERROR. The level reported is Kong's, as set. When the
 * change's timeout has passed, the node is back at the configured {@code log_level}; a later change cancels the
 * earlier one's return.
 */
public final class DynamicLogLevel implements NodeLogLevel {

    private static final Logger LOG = LoggerFactory.getLogger(DynamicLogLevel.class);

    /** Runs a task after a delay; answers what cancels it. */
    @FunctionalInterface
    public interface Scheduler {
        /** Runs {@code task} once after {@code delay}; the returned action cancels it if it has not run. */
        Runnable schedule(Runnable task, Duration delay);
    }

    private LogLevel configured;
    private final Consumer<LogLevel> apply;
    private final Scheduler scheduler;
    private LogLevel current;
    private @Nullable Runnable cancelReturn;
    private long generation;

    /**
     * @param configured {@code log_level}, where every change returns
     * @param apply applies a level to the logging library
     * @param scheduler schedules the return to {@code configured}
     */
    public DynamicLogLevel(LogLevel configured, Consumer<LogLevel> apply, Scheduler scheduler) {
        this.configured = Objects.requireNonNull(configured, "configured");
        this.current = configured;
        this.apply = Objects.requireNonNull(apply, "apply");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public synchronized String current() {
        return current.configValue();
    }

    @Override
    public synchronized void change(String level, Duration timeout) {
        if (!LEVELS.contains(level)) {
            throw new IllegalArgumentException("unknown log level: " + level);
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be greater than or equal to 0");
        }
        if (cancelReturn != null) {
            cancelReturn.run();
        }
        set(LogLevel.valueOf(level.toUpperCase(Locale.ROOT)));
        long changed = ++generation;
        cancelReturn = scheduler.schedule(() -> returnToConfigured(changed), timeout);
    }

    /**
     * Takes a new {@code log_level} ({@code tollgate reload}): applied now unless a change holds, which then returns
     * to it when its timeout has passed.
     */
    public synchronized void reconfigured(LogLevel level) {
        configured = Objects.requireNonNull(level, "level");
        if (cancelReturn == null) {
            set(level);
        }
    }

    private synchronized void returnToConfigured(long changed) {
        if (changed == generation) {
            cancelReturn = null;
            set(configured);
        }
    }

    private void set(LogLevel level) {
        current = level;
        apply.accept(level);
        LOG.info("log level changed to {}", level.configValue());
    }
}
