package io.tollgate.adapter.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A real PostgreSQL streaming replica of an {@link EmbeddedPostgresServer}, from the same (bundled 18.x) binaries:
 * a base backup taken with the low-level backup API ({@code pg_backup_start}, a copy of the data directory,
 * {@code pg_backup_stop}; the bundled binaries have no {@code pg_basebackup}), a physical replication slot so the
 * primary keeps the WAL the replica needs, {@code standby.signal} and {@code primary_conninfo}, and
 * {@code recovery_min_apply_delay} to make its lag deterministic. {@link #close()} stops it (also when a test fails).
 */
public final class StreamingReplica implements AutoCloseable {

    private static final String SLOT = "tollgate_test_replica";

    private final Path directory;
    private final Path bin;
    private final int port;
    private final PostgresSettings settings;

    private StreamingReplica(Path directory, Path bin, int port, PostgresSettings settings) {
        this.directory = directory;
        this.bin = bin;
        this.port = port;
        this.settings = settings;
    }

    /**
     * Takes a base backup of {@code primary} (whose data directory is {@code primaryData}) into {@code directory} and
     * starts it as a hot standby that applies each commit {@code applyDelay} after the primary made it.
     */
    public static StreamingReplica of(
            EmbeddedPostgresServer primary, Path primaryData, Path directory, Duration applyDelay) {
        PostgresSettings p = primary.settings();
        try (Connection c = DriverManager.getConnection(p.jdbcUrl(), p.user(), p.password());
                Statement s = c.createStatement()) {
            Path bin = binaries(primaryData);
            s.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
            s.execute("SELECT pg_backup_start('tollgate-test', true)");
            copy(primaryData, directory);
            try (ResultSet rs = s.executeQuery("SELECT labelfile, spcmapfile FROM pg_backup_stop(true)")) {
                rs.next();
                Files.writeString(directory.resolve("backup_label"), rs.getString(1));
            }
            int port = freePort();
            Files.writeString(directory.resolve("standby.signal"), "");
            Files.writeString(
                    directory.resolve("postgresql.auto.conf"),
                    "\nprimary_conninfo = 'host=127.0.0.1 port=" + p.port() + " user=" + p.user() + " password="
                            + p.password() + " application_name=tollgate_test_replica'\n"
                            + "primary_slot_name = '" + SLOT + "'\n"
                            + "recovery_min_apply_delay = '" + applyDelay.toMillis() + "ms'\n"
                            + "hot_standby = on\n",
                    StandardOpenOption.APPEND);
            StreamingReplica replica = new StreamingReplica(directory, bin, port, p);
            replica.start();
            return replica;
        } catch (SQLException e) {
            throw new IllegalStateException("could not set up the replica: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How to connect to the replica (read-only), with the primary's credentials. */
    public PostgresSettings settings() {
        return new PostgresSettings(
                "127.0.0.1",
                port,
                settings.user(),
                settings.password(),
                settings.database(),
                settings.schema(),
                settings.timeoutMs());
    }

    /** Starts the replica (again) and waits until it accepts read-only connections. */
    public void start() {
        try {
            startServer();
        } catch (IllegalStateException e) {
            String log;
            try {
                log = Files.readString(directory.resolve("replica.log"));
            } catch (IOException unreadable) {
                log = "(no log)";
            }
            throw new IllegalStateException(e.getMessage() + "\nreplica.log:\n" + log, e);
        }
    }

    private void startServer() {
        run(List.of(
                bin.resolve("pg_ctl").toString(),
                "-D",
                directory.toString(),
                "-l",
                directory.resolve("replica.log").toString(),
                "-o",
                "-p " + port + " -c listen_addresses=127.0.0.1 -c max_connections=300 -c timezone=UTC",
                "-w",
                "start"));
        PostgresSettings s = settings();
        Awaitility.await("the replica accepts connections")
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(() -> {
                    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
                            Statement st = c.createStatement();
                            ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
                        return rs.next() && rs.getBoolean(1);
                    }
                });
    }

    /**
     * Stops the replica at once (SIGINT, PostgreSQL's fast shutdown: its sessions are ended) and waits until its
     * postmaster has exited. Sent from this JVM rather than by {@code pg_ctl}, which runs in a user namespace of its
     * own when the tests run as root and may not signal the server's.
     */
    public void stop() {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).trim());
        } catch (IOException | RuntimeException e) {
            return; // removed meanwhile: stopped
        }
        ProcessHandle.of(pid).ifPresent(server -> {
            runPlain(List.of("kill", "-INT", Long.toString(pid)));
            Awaitility.await("the replica stops").atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
        });
    }

    @Override
    public void close() {
        stop();
    }

    /** The bundled binaries the primary runs from: the directory of its postmaster's executable. */
    private static Path binaries(Path primaryData) throws IOException {
        long pid = Long.parseLong(
                Files.readAllLines(primaryData.resolve("postmaster.pid")).get(0).trim());
        String command = ProcessHandle.of(pid)
                .flatMap(h -> h.info().command())
                .orElseThrow(() -> new IllegalStateException("cannot find the primary's executable"));
        return Path.of(command).getParent();
    }

    private static void copy(Path from, Path to) throws IOException {
        Set<String> skipped = Set.of("postmaster.pid", "postmaster.opts", "backup_label", "standby.signal");
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                String name = dir.getFileName().toString();
                boolean emptied = !dir.equals(from)
                        && (name.equals("pg_wal") || name.equals("pg_replslot") || name.equals("pg_stat_tmp"));
                if (emptied) {
                    if (name.equals("pg_wal")) {
                        Files.createDirectories(target.resolve("archive_status"));
                        Files.createDirectories(target.resolve("summaries"));
                    }
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!skipped.contains(file.getFileName().toString())) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()));
                    } catch (NoSuchFileException gone) {
                        // a temporary file removed while copying: the WAL replay does not need it
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Runs one of PostgreSQL's programs; as root (which they refuse) in a user namespace of its own, as the embedded
     * server's library does.
     */
    private static void run(List<String> command) {
        List<String> full = new java.util.ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        runPlain(full);
    }

    private static void runPlain(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("failed (" + process.exitValue() + "): " + command + "\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
