package io.tollgate.bootstrap.config;

import java.util.Locale;

/**
 * Tollgate's {@code log_format}: how the node's own log lines (not the access logs) are written. Kong's error log is
 * nginx's text format only; {@code json} is for log shippers.
 */
public enum LogFormat {
    /** One line per event: {@code <ISO-8601 time> <LEVEL> [<thread>] <logger>: <message>}. */
    TEXT,
    /**
     * One JSON object per line (Logback's {@code JsonEncoder}): {@code timestamp} (epoch milliseconds), {@code level},
     * {@code threadName}, {@code loggerName}, {@code formattedMessage}, {@code throwable} (with its stack) when any.
     */
    JSON;

    /** @return the value as written in the configuration, e.g. {@code json} */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
