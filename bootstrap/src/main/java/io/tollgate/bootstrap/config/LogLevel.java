package io.tollgate.bootstrap.config;

import java.util.Locale;
import org.slf4j.event.Level;

/**
 * Kong's {@code log_level} values (nginx's error-log severities, most verbose first) and the SLF4J level each maps
 * to. SLF4J has fewer levels: {@code notice} logs as INFO, and {@code crit}, {@code alert} and {@code emerg} as
 * ERROR.
 */
public enum LogLevel {
    DEBUG(Level.DEBUG),
    INFO(Level.INFO),
    NOTICE(Level.INFO),
    WARN(Level.WARN),
    ERROR(Level.ERROR),
    CRIT(Level.ERROR),
    ALERT(Level.ERROR),
    EMERG(Level.ERROR);

    private final Level slf4jLevel;

    LogLevel(Level slf4jLevel) {
        this.slf4jLevel = slf4jLevel;
    }

    /** @return the SLF4J level the root logger is set to for this Kong level */
    public Level slf4jLevel() {
        return slf4jLevel;
    }

    /** @return the value as written in the configuration, e.g. {@code notice} */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
