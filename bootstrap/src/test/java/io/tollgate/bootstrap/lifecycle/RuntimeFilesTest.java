package io.tollgate.bootstrap.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFilesTest {
    @TempDir
    Path prefix;

    @Test
    void claim_writes_this_process_pid_in_an_owner_only_directory_and_release_removes_it() throws Exception {
        RuntimeFiles files = RuntimeFiles.of(prefix);

        files.claim();

        assertThat(files.pidFile()).isEqualTo(prefix.resolve("pids/tollgate.pid"));
        assertThat(Files.readString(files.pidFile()).strip())
                .isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(files.runningProcess()).contains(ProcessHandle.current());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(prefix.resolve("pids"))))
                .isEqualTo("rwx------");
        files.release();
        assertThat(files.pidFile()).doesNotExist();
        assertThat(files.runningProcess()).isEmpty();
    }

    @Test
    void a_pid_file_of_a_live_other_process_blocks_the_claim() throws Exception {
        RuntimeFiles files = RuntimeFiles.of(prefix);
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        Files.createDirectories(files.pidFile().getParent());
        Files.writeString(files.pidFile(), parent + "\n");

        assertThatThrownBy(files::claim)
                .isInstanceOf(RuntimeFiles.AlreadyRunning.class)
                .hasMessage("Tollgate is already running at " + prefix.toAbsolutePath() + " (pid " + parent + ")");
    }

    @Test
    void a_stale_pid_file_counts_as_not_running_and_is_replaced() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        RuntimeFiles files = RuntimeFiles.of(prefix);
        Files.createDirectories(files.pidFile().getParent());
        Files.writeString(files.pidFile(), ended.pid() + "\n");

        assertThat(files.runningProcess()).isEmpty();
        files.claim();
        assertThat(files.runningProcess()).contains(ProcessHandle.current());
    }

    @Test
    void a_request_is_taken_once() {
        RuntimeFiles files = RuntimeFiles.of(prefix);

        files.request(new ShutdownRequest.Quit(Duration.ofMillis(2500)));

        assertThat(files.takeRequest()).contains(new ShutdownRequest.Quit(Duration.ofMillis(2500)));
        assertThat(files.takeRequest()).isEmpty();
        files.request(new ShutdownRequest.Stop());
        assertThat(files.takeRequest()).contains(new ShutdownRequest.Stop());
    }

    @Test
    void requests_parse_from_one_line_and_reject_anything_else() {
        assertThat(ShutdownRequest.parse("quit 10000\n")).contains(new ShutdownRequest.Quit(Duration.ofSeconds(10)));
        assertThat(ShutdownRequest.parse("stop")).contains(new ShutdownRequest.Stop());
        assertThat(ShutdownRequest.parse("quit -1")).isEmpty();
        assertThat(ShutdownRequest.parse("quit soon")).isEmpty();
        assertThat(ShutdownRequest.parse("reload")).isEmpty();
    }
}
