package io.tollgate.application.invalidation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what one class logs through {@link System.Logger} (java.util.logging underneath), at every level and
 * without passing it on to the console, until {@link #close()}. Records may arrive from any thread.
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger;

    private LogCapture(Class<?> logging) {
        this.logger = Logger.getLogger(logging.getName());
        logger.setLevel(Level.ALL);
        logger.setUseParentHandlers(false);
        logger.addHandler(this);
    }

    /** Starts recording what {@code logging} logs. */
    public static LogCapture of(Class<?> logging) {
        return new LogCapture(logging);
    }

    /** Every record so far, oldest first. */
    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    /** The records so far at {@code level}, oldest first. */
    public List<LogRecord> at(Level level) {
        return records.stream().filter(r -> r.getLevel() == level).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {}

    /** Stops recording and gives the logger back its parent handlers. */
    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setUseParentHandlers(true);
        logger.setLevel(null);
    }
}
