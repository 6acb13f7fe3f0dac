package io.tollgate.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.in.NodeLogLevel;
import io.tollgate.bootstrap.config.LogLevel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DynamicLogLevelTest {

    /** Scheduled returns, run by hand; a cancelled one is marked so. */
    private static final class Returns implements DynamicLogLevel.Scheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();
        final List<Boolean> cancelled = new ArrayList<>();

        @Override
        public Runnable schedule(Runnable task, Duration delay) {
            int index = tasks.size();
            tasks.add(task);
            delays.add(delay);
            cancelled.add(false);
            return () -> cancelled.set(index, true);
        }
    }

    private final List<LogLevel> applied = new ArrayList<>();
    private final Returns returns = new Returns();
    private final DynamicLogLevel level = new DynamicLogLevel(LogLevel.DEBUG, applied::add, returns);

    @Test
    void starts_at_the_configured_level_without_applying_anything() {
        assertThat(level.current()).isEqualTo("debug");
        assertThat(applied).isEmpty();
    }

    @Test
    void every_kong_level_maps_onto_the_logging_library() {
        for (String kong : NodeLogLevel.LEVELS) {
            level.change(kong, Duration.ofSeconds(60));
            assertThat(level.current()).isEqualTo(kong);
        }
        assertThat(applied)
                .extracting(LogLevel::slf4jLevel)
                .extracting(Enum::name)
                .containsExactly("DEBUG", "INFO", "INFO", "WARN", "ERROR", "ERROR", "ERROR", "ERROR");
    }

    @Test
    void a_change_returns_to_the_configured_level_after_its_timeout() {
        level.change("crit", Duration.ofSeconds(10));
        assertThat(returns.delays).containsExactly(Duration.ofSeconds(10));
        assertThat(level.current()).isEqualTo("crit");

        returns.tasks.getFirst().run();

        assertThat(level.current()).isEqualTo("debug");
        assertThat(applied).containsExactly(LogLevel.CRIT, LogLevel.DEBUG);
    }

    @Test
    void a_later_change_cancels_the_earlier_return() {
        level.change("alert", Duration.ofSeconds(5));
        level.change("notice", Duration.ofSeconds(60));
        assertThat(returns.cancelled).containsExactly(true, false);

        returns.tasks.getFirst().run(); // too late to cancel: it must not undo the later change
        assertThat(level.current()).isEqualTo("notice");

        returns.tasks.getLast().run();
        assertThat(level.current()).isEqualTo("debug");
        assertThat(applied).containsExactly(LogLevel.ALERT, LogLevel.NOTICE, LogLevel.DEBUG);
    }

    @Test
    void refuses_an_unknown_level_and_a_negative_timeout() {
        assertThatThrownBy(() -> level.change("stderr", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown log level: stderr");
        assertThatThrownBy(() -> level.change("notice", Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("timeout must be greater than or equal to 0");
        assertThat(level.current()).isEqualTo("debug");
        assertThat(applied).isEmpty();
    }

    @Test
    void a_reload_applies_a_new_log_level_now_or_when_a_change_times_out() {
        level.reconfigured(LogLevel.WARN);
        assertThat(level.current()).isEqualTo("warn");

        level.change("crit", Duration.ofSeconds(10));
        level.reconfigured(LogLevel.INFO);
        assertThat(level.current()).isEqualTo("crit");

        returns.tasks.getFirst().run();
        assertThat(level.current()).isEqualTo("info");
        assertThat(applied).containsExactly(LogLevel.WARN, LogLevel.CRIT, LogLevel.INFO);
    }
}
