package io.tollgate.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultLoggingTest {
    private final LoggerContext context = new LoggerContext();

    @AfterEach
    void clear() {
        System.clearProperty(DefaultLogging.CONFIGURATION_FILE);
        context.stop();
    }

    @Test
    void textLinesOnStandardErrorAtInfoWithJooqAndCaffeineQuieter() {
        assertThat(configure()).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(context.getLogger("org.jooq.Constants").getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.github.benmanes.caffeine.cache.LocalAsyncCache")
                        .getLevel())
                .isEqualTo(Level.ERROR);
        assertThat(context.getLogger("io.undertow.proxy").getLevel()).isEqualTo(Level.OFF);
        List<Appender<ILoggingEvent>> appenders = appenders(root);
        assertThat(appenders).singleElement().isInstanceOfSatisfying(ConsoleAppender.class, console -> {
            assertThat(console.isStarted()).isTrue();
            assertThat(console.getTarget()).isEqualTo("System.err");
            assertThat(((PatternLayoutEncoder) console.getEncoder()).getPattern())
                    .isEqualTo(Logging.TEXT_PATTERN);
        });
    }

    @Test
    void aConfigurationFileNamedByLogbacksPropertyTakesPrecedence() {
        System.setProperty(DefaultLogging.CONFIGURATION_FILE, "/etc/tollgate/logback.xml");

        assertThat(configure()).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(appenders(context.getLogger(Logger.ROOT_LOGGER_NAME))).isEmpty();
    }

    @Test
    void aLogbackXmlOnTheClassPathTakesPrecedence(@TempDir Path classes) throws IOException {
        Files.writeString(classes.resolve("logback.xml"), "<configuration/>");

        try (URLClassLoader classPath =
                new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            assertThat(configure(classPath)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        }
        assertThat(appenders(context.getLogger(Logger.ROOT_LOGGER_NAME))).isEmpty();
    }

    @Test
    void logbackFindsItAsAConfiguratorService() {
        assertThat(ServiceLoader.load(Configurator.class, DefaultLogging.class.getClassLoader()).stream()
                        .map(ServiceLoader.Provider::type))
                .contains(DefaultLogging.class);
    }

    /** Configures {@link #context} with no Logback configuration file on the class path (the JDK's classes only). */
    private ExecutionStatus configure() {
        return configure(ClassLoader.getPlatformClassLoader());
    }

    private ExecutionStatus configure(ClassLoader classPath) {
        DefaultLogging defaults = new DefaultLogging(classPath);
        defaults.setContext(context);
        return defaults.configure(context);
    }

    private static List<Appender<ILoggingEvent>> appenders(Logger logger) {
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        logger.iteratorForAppenders().forEachRemaining(appenders::add);
        return appenders;
    }
}
