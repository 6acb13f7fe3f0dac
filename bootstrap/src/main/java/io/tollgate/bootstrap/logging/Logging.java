package io.tollgate.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import io.tollgate.bootstrap.config.ErrorLog;
import io.tollgate.bootstrap.config.LogFormat;
import io.tollgate.bootstrap.config.LogLevel;
import io.tollgate.bootstrap.config.TollgateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Kong's {@code log_level} to Logback at start-up, for Tollgate's loggers ({@code io.tollgate}) and every
 * library's alike, except at {@code notice} (Kong's default): Tollgate's notices are its INFO messages, while the
 * libraries' INFO chatter (Flyway, HikariCP, XNIO, the embedded PostgreSQL) is not a notice, so libraries log from
 * WARN. Where the log goes and its format follow {@code proxy_error_log} and {@code log_format} on a running node
 * ({@link #output}); until then, and for the other commands, {@link DefaultLogging}'s text lines on standard error.
 * {@link System.Logger} (used by the application module) reaches the same loggers through
 * {@code slf4j-jdk-platform-logging}.
 */
public final class Logging {
    /** The logger of every Tollgate class. */
    static final String TOLLGATE = "io.tollgate";

    private Logging() {}

    /**
     * Undertow's proxy logger: a stack trace at ERROR for every failed upstream request, which the proxy reports itself
     * in one line; on only with {@code log_level = debug}.
     */
    static final String UNDERTOW_PROXY = "io.undertow.proxy";

    /** The text format of every log line before {@code log_format} applies, and wherever the log goes with {@code log_format = text}. */
    static final String TEXT_PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{0}: %msg%n";

    /** Sets the root logger's level from {@link TollgateConfig#logLevel()}. */
    public static void apply(TollgateConfig config) {
        apply(config.logLevel());
    }

    /**
     * Sets the {@code io.tollgate} logger to the SLF4J level {@code level} maps to ({@link LogLevel#slf4jLevel()}),
     * and the root logger (every library) to the same, or to WARN for {@code notice}; Undertow's proxy logger
     * ({@link #UNDERTOW_PROXY}) only at {@code debug}. Does nothing but warn when
     * SLF4J is not bound to Logback.
     */
    public static void apply(LogLevel level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Level tollgate = Level.convertAnSLF4JLevel(level.slf4jLevel());
            context.getLogger(TOLLGATE).setLevel(tollgate);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level == LogLevel.NOTICE ? Level.WARN : tollgate);
            context.getLogger(UNDERTOW_PROXY).setLevel(level == LogLevel.DEBUG ? Level.DEBUG : Level.OFF);
        } else {
            LoggerFactory.getLogger(Logging.class)
                    .warn("log_level {} not applied: SLF4J is not bound to Logback", level.configValue());
        }
    }

    /**
     * Sends every log line (Tollgate's and the libraries', not the access logs) where {@code proxy_error_log} says, in
     * {@code log_format}: the root logger's appenders are replaced by one console or rolling-file appender
     * ({@link RollingFiles}); the previous appenders are stopped (a file is closed). Does nothing when SLF4J is not
     * bound to Logback.
     */
    public static void output(LogFormat format, ErrorLog destination) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Encoder<ILoggingEvent> encoder = encoder(context, format);
        Appender<ILoggingEvent> appender = switch (destination) {
            case ErrorLog.Stderr stderr -> console(context, encoder, "System.err");
            case ErrorLog.Stdout stdout -> console(context, encoder, "System.out");
            case ErrorLog.File file -> RollingFiles.open(context, "error-log", file.path(), encoder);
        };
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(appender);
    }

    static Encoder<ILoggingEvent> encoder(LoggerContext context, LogFormat format) {
        return switch (format) {
            case TEXT -> {
                PatternLayoutEncoder text = new PatternLayoutEncoder();
                text.setContext(context);
                text.setPattern(TEXT_PATTERN);
                text.start();
                yield text;
            }
            case JSON -> {
                JsonEncoder json = new JsonEncoder();
                json.setContext(context);
                json.setWithSequenceNumber(false);
                json.setWithNanoseconds(false);
                json.setWithContext(false);
                json.setWithMessage(false);
                json.setWithArguments(false);
                json.setWithFormattedMessage(true);
                json.start();
                yield json;
            }
        };
    }

    static Appender<ILoggingEvent> console(LoggerContext context, Encoder<ILoggingEvent> encoder, String target) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setTarget(target);
        console.setEncoder(encoder);
        console.start();
        return console;
    }
}
