package io.tollgate.bootstrap.logging;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import io.tollgate.adapter.http.AccessLogEntry;
import io.tollgate.adapter.http.AccessLogFormat;
import io.tollgate.adapter.http.AccessLogWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Kong's {@code proxy_access_log} and {@code admin_access_log} files, written by Logback: each its own logger
 * ({@code tollgate.access.<name>}, not the console's), an asynchronous appender that never blocks the request (a full
 * queue of {@value #QUEUE} lines drops new ones) in front of a file rotated by size ({@link RollingFiles}).
 */
public final class AccessLogFiles implements AutoCloseable {

    static final int QUEUE = 8192;

    private final List<AsyncAppender> appenders = new ArrayList<>();

    /**
     * A writer appending to {@code file} (created with its directories) in {@code format}, or empty when
     * {@code file} is empty (off) or SLF4J is not bound to Logback.
     *
     * @param name the listener kind, e.g. {@code proxy}: the logger is {@code tollgate.access.<name>}
     */
    public synchronized Optional<AccessLogWriter> open(String name, Optional<Path> file, AccessLogFormat format) {
        if (file.isEmpty() || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        Encoder<ILoggingEvent> encoder = switch (format) {
            case COMBINED -> {
                PatternLayoutEncoder pattern = new PatternLayoutEncoder();
                pattern.setPattern("%msg%n");
                yield pattern;
            }
            case JSON -> new AccessLogEncoder();
        };
        encoder.setContext(context);
        encoder.start();
        RollingFileAppender<ILoggingEvent> rolling =
                RollingFiles.open(context, "access-" + name + "-file", file.get(), encoder);
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName("access-" + name);
        async.setQueueSize(QUEUE);
        async.setDiscardingThreshold(0);
        async.setNeverBlock(true);
        async.addAppender(rolling);
        async.start();
        Logger logger = context.getLogger("tollgate.access." + name);
        logger.setAdditive(false);
        logger.setLevel(Level.INFO);
        logger.addAppender(async);
        appenders.add(async);
        return Optional.of(
                switch (format) {
                    case COMBINED -> logger::info;
                    case JSON -> new JsonWriter(logger);
                });
    }

    /**
     * Queues each entry as the one argument of an event with an empty message (formatting it costs nothing), for
     * {@link AccessLogEncoder} to encode on the appender's worker.
     */
    private record JsonWriter(Logger logger) implements AccessLogWriter {
        @Override
        public void write(String line) {
            logger.info(line);
        }

        @Override
        public void write(AccessLogEntry entry) {
            logger.info("", entry);
        }

        @Override
        public AccessLogFormat format() {
            return AccessLogFormat.JSON;
        }
    }

    /** Writes what is queued and closes the files. */
    @Override
    public synchronized void close() {
        appenders.forEach(AsyncAppender::stop);
        appenders.clear();
    }
}
