package io.tollgate.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.LogLevel;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class LoggingTest {
    private final Logger root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private final Logger tollgate = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logging.TOLLGATE);

    @AfterEach
    void restore() {
        root.detachAppender(appender);
        root.setLevel(Level.INFO);
        tollgate.setLevel(null);
    }

    @ParameterizedTest
    @CsvSource({
        "DEBUG, DEBUG, DEBUG",
        "INFO, INFO, INFO",
        "NOTICE, INFO, WARN",
        "WARN, WARN, WARN",
        "ERROR, ERROR, ERROR",
        "CRIT, ERROR, ERROR",
        "ALERT, ERROR, ERROR",
        "EMERG, ERROR, ERROR"
    })
    void kongLevelsSetTollgatesAndTheLibrariesLevels(LogLevel kong, String ours, String libraries) {
        Logging.apply(kong);

        assertThat(tollgate.getLevel()).isEqualTo(Level.toLevel(ours));
        assertThat(root.getLevel()).isEqualTo(Level.toLevel(libraries));
    }

    @Test
    void atNoticeALibrarysInfoIsHiddenAndTollgatesShown() {
        appender.start();
        root.addAppender(appender);

        Logging.apply(LogLevel.NOTICE);
        LoggerFactory.getLogger("org.flywaydb.core.FlywayExecutor").info("Database: jdbc:postgresql://…");
        LoggerFactory.getLogger("com.zaxxer.hikari.HikariDataSource").warn("pool trouble");
        LoggerFactory.getLogger("io.tollgate.bootstrap.TollgateNode").info("Tollgate stopped");

        assertThat(appender.list)
                .extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("pool trouble", "Tollgate stopped");
    }

    @Test
    void theConfiguredLogLevelIsApplied() {
        Logging.apply(new ConfigLoader(Map.of("TOLLGATE_LOG_LEVEL", "crit"), List.of(), w -> {}).load(null));

        assertThat(root.getLevel()).isEqualTo(Level.ERROR);
    }

    @Test
    void systemLoggerReachesLogbackAndHonoursTheLevel() {
        appender.start();
        root.addAppender(appender);
        System.Logger logger = System.getLogger("io.tollgate.application.Example");

        Logging.apply(LogLevel.INFO);
        logger.log(System.Logger.Level.INFO, "applied {0} events", 3);
        logger.log(System.Logger.Level.DEBUG, "hidden");
        Logging.apply(LogLevel.WARN);
        logger.log(System.Logger.Level.INFO, "hidden too");

        assertThat(logger.isLoggable(System.Logger.Level.INFO)).isFalse();
        assertThat(appender.list).singleElement().satisfies(event -> {
            assertThat(event.getLoggerName()).isEqualTo("io.tollgate.application.Example");
            assertThat(event.getLevel()).isEqualTo(Level.INFO);
            assertThat(event.getFormattedMessage()).isEqualTo("applied 3 events");
        });
    }
}
