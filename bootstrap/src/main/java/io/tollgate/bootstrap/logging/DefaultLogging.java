package io.tollgate.bootstrap.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.tollgate.bootstrap.config.LogFormat;
import org.slf4j.Logger;

/**
 * Logback's configuration before Kong's {@code log_level}, {@code log_format} and {@code proxy_error_log} are applied
 * ({@link Logging}), and for the commands other than {@code start}: one text line per event on standard error
 * ({@link Logging#TEXT_PATTERN}; standard output stays free for a command's output), the root logger at INFO, jOOQ's
 * banner and tips ({@code org.jooq.Constants}) from WARN, and Caffeine's stack trace of each failed cache load
 * ({@code LocalAsyncCache}) from ERROR: the failure reaches the caller, which reports it (a database outage is logged
 * once); Undertow's proxy logger ({@value Logging#UNDERTOW_PROXY}, a stack trace per failed upstream request) off: the
 * proxy logs one line per failed try itself, as nginx does.
 *
 * <p>Set in code, found by Logback as a {@link Configurator} service ({@code META-INF/services}), so that Logback's XML
 * configurator (Joran, ~550 classes) is never loaded. Logback's own precedence still holds: when the system property
 * {@value #CONFIGURATION_FILE} names a file, or a {@code logback-test.xml} or {@code logback.xml} is on the class path,
 * this configurator steps aside and Logback reads that file.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class DefaultLogging extends ContextAwareBase implements Configurator {
    /** Logback's system property naming a configuration file, which takes precedence over this class. */
    static final String CONFIGURATION_FILE = "logback.configurationFile";

    /** Logback's configuration files on the class path, in its order of precedence. */
    private static final String[] CONFIGURATION_RESOURCES = {"logback-test.xml", "logback.xml"};

    private final ClassLoader classPath;

    /** Created by Logback's service loader; looks for Logback's configuration files with this class's loader. */
    public DefaultLogging() {
        this(DefaultLogging.class.getClassLoader());
    }

    /** @param classPath where to look for Logback's configuration files */
    DefaultLogging(ClassLoader classPath) {
        this.classPath = classPath;
    }

    /**
     * Configures {@code context} as described above, unless the user brings a Logback configuration file.
     *
     * @return {@code INVOKE_NEXT_IF_ANY} (Logback's XML configurator reads the user's file) when the system property
     *     {@value #CONFIGURATION_FILE} is set or a Logback configuration file is on the class path, else
     *     {@code DO_NOT_INVOKE_NEXT_IF_ANY}
     */
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (userConfigured()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        context.getLogger("org.jooq.Constants").setLevel(Level.WARN);
        context.getLogger("com.github.benmanes.caffeine.cache.LocalAsyncCache").setLevel(Level.ERROR);
        context.getLogger(Logging.UNDERTOW_PROXY).setLevel(Level.OFF);
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(Logging.console(context, Logging.encoder(context, LogFormat.TEXT), "System.err"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private boolean userConfigured() {
        String file = System.getProperty(CONFIGURATION_FILE);
        if (file != null && !file.isBlank()) {
            return true;
        }
        for (String resource : CONFIGURATION_RESOURCES) {
            if (classPath.getResource(resource) != null) {
                return true;
            }
        }
        return false;
    }
}
