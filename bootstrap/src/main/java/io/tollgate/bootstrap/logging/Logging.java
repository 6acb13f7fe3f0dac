package io.tollgate.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.tollgate.bootstrap.config.LogLevel;
import io.tollgate.bootstrap.config.TollgateConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies Kong's {@code log_level} to Logback's root logger at start-up. The log format and the levels of noisy
 * libraries live in {@code logback.xml}; {@link System.Logger} (used by the application module) reaches the same
 * loggers through {@code slf4j-jdk-platform-logging}.
 */
public final class Logging {
    private Logging() {}

    /** Sets the root logger's level from {@link TollgateConfig#logLevel()}. */
    public static void apply(TollgateConfig config) {
        apply(config.logLevel());
    }

    /**
     * Sets the root logger's level to the SLF4J level {@code level} maps to ({@link LogLevel#slf4jLevel()}).
     * Does nothing but warn when SLF4J is not bound to Logback.
     */
    public static void apply(LogLevel level) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.convertAnSLF4JLevel(level.slf4jLevel()));
        } else {
            LoggerFactory.getLogger(Logging.class)
                    .warn("log_level {} not applied: SLF4J is not bound to Logback", level.configValue());
        }
    }
}
