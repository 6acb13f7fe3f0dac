package io.tollgate.bootstrap.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;

/**
 * Tollgate's log files (the access logs and the node's own log in a file): a Logback file appender rotated by size:
 * at {@value #MAX_SIZE} the file becomes {@code <file>.1} (older ones shift, up to {@code .}{@value #KEEP}, the
 * oldest is deleted). The file and its directories are created on start.
 */
final class RollingFiles {

    static final String MAX_SIZE = "100MB";
    static final int KEEP = 5;

    private RollingFiles() {}

    /**
     * @param name the appender's name
     * @param file where to write
     * @param encoder how an event becomes bytes, started
     * @return the appender, started
     */
    static RollingFileAppender<ILoggingEvent> open(
            LoggerContext context, String name, Path file, Encoder<ILoggingEvent> encoder) {
        String path = file.toString();
        RollingFileAppender<ILoggingEvent> rolling = new RollingFileAppender<>();
        rolling.setContext(context);
        rolling.setName(name);
        rolling.setFile(path);
        rolling.setEncoder(encoder);
        FixedWindowRollingPolicy window = new FixedWindowRollingPolicy();
        window.setContext(context);
        window.setParent(rolling);
        window.setFileNamePattern(path + ".%i");
        window.setMinIndex(1);
        window.setMaxIndex(KEEP);
        window.start();
        SizeBasedTriggeringPolicy<ILoggingEvent> size = new SizeBasedTriggeringPolicy<>();
        size.setContext(context);
        size.setMaxFileSize(FileSize.valueOf(MAX_SIZE));
        size.start();
        rolling.setRollingPolicy(window);
        rolling.setTriggeringPolicy(size);
        rolling.start();
        return rolling;
    }
}
