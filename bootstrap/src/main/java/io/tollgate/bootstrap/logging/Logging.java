package io.tollgate.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.tollgate.bootstrap.config.LogLevel;
import io.tollgate.bootstrap.config.TollgateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Kong's {@code log_level} to Logback at start-up, for Tollgate's loggers ({@code io.tollgate}) and every
 * library's alike, except at {@code notice} (Kong's default): Tollgate's notices are its INFO messages, while the
 * libraries' INFO chatter (Flyway, HikariCP, XNIO, the embedded PostgreSQL) is not a notice, so libraries log from
 * WARN. The log format lives in {@code logback.xml}; {@link System.Logger} (used by the application module) reaches
 * the same loggers through {@code slf4j-jdk-platform-logging}.
 */
public final class Logging {
    /** The logger of every Tollgate class. */
    static final String TOLLGATE = "io.tollgate";

    private Logging() {}

    /** Sets the root logger's level from {@link TollgateConfig#logLevel()}. */
    public static void apply(TollgateConfig config) {
        apply(config.logLevel());
    }

    /**
     * Sets the {@code io.tollgate} logger to the SLF4J level {@code level} maps to ({@link LogLevel#slf4jLevel()}),
     * and the root logger (every library) to the same, or to WARN for {@code notice}. Does nothing but warn when
     * SLF4J is not bound to Logback.
     */
    public static void apply(LogLevel level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Level tollgate = Level.convertAnSLF4JLevel(level.slf4jLevel());
            context.getLogger(TOLLGATE).setLevel(tollgate);
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(level == LogLevel.NOTICE ? Level.WARN : tollgate);
        } else {
            LoggerFactory.getLogger(Logging.class)
                    .warn("log_level {} not applied: SLF4J is not bound to Logback", level.configValue());
        }
    }
}
