package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.shared.TollgateVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's CLI specs {@code spec/02-integration/02-cmd/05-check_spec.lua} ({@code kong check <conf>}, 3 cases,
 * all ported) and {@code 16-verbose_spec.lua} ({@code --vv}, 1 case, ported) against {@code tollgate check} and
 * {@code tollgate version --vv} run from the jar; no node, no database.
 *
 * <ul>
 *   <li>{@code 06-check_spec.lua} is the older name of {@code 05-check_spec.lua}: the same 3 cases, only its invalid
 *       value ({@code cassandra_repl_strategy}, Cassandra has no counterpart) differs; covered by the three tests here.
 *   <li>{@code 15-utils_spec.lua} (4 cases, {@code nginx_signals.find_nginx_bin()}: finding a compatible OpenResty
 *       binary under {@code openresty_path}) has no counterpart: Tollgate runs on the JVM and starts no nginx.
 * </ul>
 *
 * <p>Differs: Kong words an invalid value {@code <property> has an invalid value: '<value>' (<choices>)}; Tollgate
 * words it {@code invalid <property>: "<value>" <reason>} (as every Tollgate command does), under the same
 * {@code [error]} prefix, one line per invalid property, exit code 1. The unit-level check cases are in
 * {@code CliTest} ({@code checkSaysAValidFileIsValid}, {@code checkRejectsAnInvalidFileWithExitOneAndTheProperty}).
 */
class KongCheckCmdSpecIT {

    @TempDir
    static Path dir;

    /** 05-check_spec.lua: "validates a conf" (a relative path, as Kong's test configuration path is). */
    @Test
    void validates_a_conf() throws Exception {
        Files.writeString(dir.resolve("valid.conf"), "log_level = warn\nproxy_listen = 127.0.0.1:8000\n");

        CliProcess.Result check = CliProcess.run(dir, "check", "valid.conf");

        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).matches("(?s)configuration at valid\\.conf is valid\\R");
    }

    /**
     * 05-check_spec.lua: "reports invalid conf": every invalid property on its own {@code [error]} line (Kong's
     * {@code conf_loader} collects them all), not only the first.
     */
    @Test
    void reports_invalid_conf() throws Exception {
        Files.writeString(dir.resolve("invalid.conf"), "log_level = loud\ndb_update_frequency = abc\npg_port = 5432\n");

        CliProcess.Result check = CliProcess.run(dir, "check", "invalid.conf");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err().lines().filter(l -> l.startsWith("[error] ")))
                .containsExactlyInAnyOrder(
                        "[error] invalid log_level: \"loud\" is not one of debug, info, notice, warn, error, crit,"
                                + " alert, emerg",
                        "[error] invalid db_update_frequency: \"abc\" is not a number of seconds");
        assertThat(check.out()).doesNotContain("is valid");
    }

    /** 05-check_spec.lua: "doesn't like invalid files". */
    @Test
    void doesnt_like_invalid_files() throws Exception {
        CliProcess.Result check = CliProcess.run(dir, "check", "inexistent.conf");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).isEqualToIgnoringNewLines("[error] no file at: inexistent.conf");
    }

    /**
     * 16-verbose_spec.lua: "--vv outputs debug level log": debug lines on standard error (Kong's come from its
     * global patches), the version on standard output.
     */
    @Test
    void vv_outputs_debug_level_log() throws Exception {
        CliProcess.Result version = CliProcess.run(dir, "version", "--vv");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.err()).containsPattern("(?m)^\\S+ DEBUG ");
        assertThat(version.out().strip()).isEqualTo("Tollgate " + TollgateVersion.current());
    }

    /** Tollgate's: {@code --vv} then {@code --v} keeps debug and logs the first debug line once, not twice. */
    @Test
    void vv_then_v_logs_the_first_debug_line_once() throws Exception {
        CliProcess.Result version = CliProcess.run(dir, "version", "--vv", "--v");

        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.err().lines().filter(line -> line.contains(" DEBUG ") && line.contains(" on Java ")))
                .hasSize(1);
    }
}
