package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution archive ({@code tollgate-<version>.tar.gz}, built at {@code package}) as a user gets it: unpacked,
 * its {@code bin/tollgate} runs the archive's jar without building anything, the shipped {@code conf/tollgate.conf}
 * template is valid as it is, and a node started from the archive (with {@code bin/tollgate}'s JVM defaults) becomes
 * healthy with those defaults on the JVM's command line and quits gracefully, leaving the class-data sharing archive
 * its next start maps; a changed jar gets an archive of its own, and the old one is deleted.
 */
class DistributionIT {

    @TempDir
    Path dir;

    /** One run of a script from the archive, to its end (two minutes at most). */
    record Run(int exitCode, String out, String err) {}

    private static Run run(Path cwd, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(cwd, "run", ".out");
        Path err = Files.createTempFile(cwd, "run", ".err");
        Process process = builder(cwd, command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(command + " did not end in 2 minutes: " + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static ProcessBuilder builder(Path cwd, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("KONG_") || k.startsWith("TOLLGATE_"));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }

    @Test
    void the_unpacked_archive_runs_a_node_with_its_own_jar_and_template() throws Exception {
        Path archive = Path.of(System.getProperty("tollgate.dist", "target/tollgate-0.1.0-SNAPSHOT.tar.gz"));
        String version =
                archive.getFileName().toString().replaceFirst("^tollgate-", "").replaceFirst("\\.tar\\.gz$", "");
        assertThat(run(dir, List.of("tar", "xzf", archive.toString(), "-C", dir.toString()))
                        .exitCode())
                .isZero();
        Path home = dir.resolve("tollgate-" + version);
        assertThat(home.resolve("lib/tollgate.jar")).isRegularFile();
        assertThat(home.resolve("LICENSE")).isRegularFile();
        assertThat(home.resolve("systemd/tollgate.service")).content().contains("ExecStart=/opt/tollgate/bin/tollgate");
        assertThat(Files.isExecutable(home.resolve("bin/tollgate"))).isTrue();
        String tollgate = home.resolve("bin/tollgate").toString();

        Run versionRun = run(dir, List.of(tollgate, "version"));
        assertThat(versionRun.exitCode()).as(versionRun.err()).isZero();
        assertThat(versionRun.out()).isEqualTo("Tollgate " + version + System.lineSeparator());
        assertThat(versionRun.err()).doesNotContain("building");

        Path template = home.resolve("conf/tollgate.conf");
        assertThat(template).content().contains("#db_update_frequency = 5", "#pg_password =");
        Run check = run(dir, List.of(tollgate, "check", template.toString()));
        assertThat(check.exitCode()).as(check.err()).isZero();

        Path firstArchive = startAndQuit(tollgate, template, dir.resolve("node.log"), home);

        // a new jar (here: the same one, modified later) gets an archive of its own, and the old one goes: the JVM
        // would neither use nor replace an archive written for another jar
        Path jar = home.resolve("lib/tollgate.jar");
        Files.setLastModifiedTime(
                jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 3_600_000));
        Path secondArchive = startAndQuit(tollgate, template, dir.resolve("node-2.log"), home);
        assertThat(secondArchive).isNotEqualTo(firstArchive);
        assertThat(firstArchive).doesNotExist();
    }

    /**
     * Starts a node from the archive with {@code template} and free ports, waits until it is healthy, quits it
     * gracefully, and returns the one class-data sharing archive it left next to the jar
     * ({@code lib/tollgate-start-<jar size>-<jar mtime>.jsa}). A port taken between its choice and the node's bind
     * (by another process on the machine) is chosen again.
     */
    private static Path startAndQuit(String tollgate, Path template, Path log, Path home) throws Exception {
        for (int attempt = 1; ; attempt++) {
            Path dir = log.getParent();
            int admin = NodeProcess.freePort();
            Path conf = Files.writeString(
                    dir.resolve("node.conf"),
                    Files.readString(template)
                            + "\nprefix = " + dir.resolve("node")
                            + "\nproxy_listen = 127.0.0.1:" + NodeProcess.freePort()
                            + "\nadmin_listen = 127.0.0.1:" + admin
                            + "\nadmin_gui_listen = 127.0.0.1:" + NodeProcess.freePort() + "\n");
            Path archive = startAndQuit(tollgate, conf, admin, log, home);
            if (archive != null || attempt == 3) {
                assertThat(archive).as("a node on free ports, 3 attempts").isNotNull();
                return archive;
            }
        }
    }

    /** {@link #startAndQuit(String, Path, Path, Path)} on the given ports; null when one was taken at bind. */
    private static @Nullable Path startAndQuit(String tollgate, Path conf, int admin, Path log, Path home)
            throws Exception {
        Path dir = conf.getParent();
        Path prefix = dir.resolve("node");
        Process node = builder(dir, new ArrayList<>(List.of(tollgate, "start", "-c", conf.toString())))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            Awaitility.await("the node from the archive is healthy")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> !node.isAlive()
                            || run(dir, List.of(tollgate, "health", "-p", prefix.toString()))
                                            .exitCode()
                                    == 0);
            if (!node.isAlive() && Files.readString(log).contains("Address already in use")) {
                return null;
            }
            assertThat(node.isAlive()).as(Files.readString(log)).isTrue();
            assertThat(Http.get("http://127.0.0.1:" + admin + "/status").status())
                    .isEqualTo(200);
            // bin/tollgate's JVM defaults reach the JVM (the script execs it: the node's process is the JVM)
            String jvm = Files.readString(Path.of("/proc/" + node.pid() + "/cmdline"))
                    .replace('\0', ' ');
            assertThat(jvm).contains(" -Xmx512m ", " -Xms64m ", " -XX:+ExitOnOutOfMemoryError ");
            if (Runtime.version().feature() >= 24) {
                // JEP 471's warning when Undertow frees a direct buffer through sun.misc.Unsafe
                assertThat(jvm).contains(" --sun-misc-unsafe-memory-access=allow ");
            }

            Run quit = run(dir, List.of(tollgate, "quit", "-p", prefix.toString()));
            assertThat(quit.exitCode()).as(quit.err()).isZero();
            assertThat(node.waitFor(1, TimeUnit.MINUTES)).isTrue();
            assertThat(node.exitValue()).isZero();
            assertThat(Files.readString(log)).doesNotContain("[cds", "SharedArchiveFile");
            List<Path> archives;
            try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
                archives = lib.filter(p -> p.getFileName().toString().matches("tollgate-start-\\d+-\\d+\\.jsa"))
                        .toList();
            }
            assertThat(archives)
                    .as("the class-data sharing archive the stopped node wrote for the next start")
                    .hasSize(1);
            assertThat(archives.get(0)).isNotEmptyFile();
            return archives.get(0);
        } finally {
            if (node.isAlive()) {
                node.destroyForcibly().waitFor();
            }
        }
    }
}
