package io.tollgate.adapter.postgres;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.domain.shared.WorkspaceId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;

/**
 * A real PostgreSQL (started with {@link EmbeddedPostgresServer} in a temporary directory),
 * migrated, with the adapter's components wired as {@link PostgresAdapterModule} wires them.
 */
final class TestDatabase implements AutoCloseable {

    final Path directory;
    final EmbeddedPostgresServer server;
    final PostgresDatabase database;
    final DSLContext dsl;
    final WorkspaceId workspace;
    final JooqTransactions transactions;
    final JooqEntityStore store;
    final JooqEventLog eventLog;
    final EventWrites writes;

    private TestDatabase(Path directory, EmbeddedPostgresServer server, PostgresDatabase database) {
        this.directory = directory;
        this.server = server;
        this.database = database;
        this.dsl = PostgresAdapterModule.dslContext(database, new DatabaseOutages());
        this.workspace = PostgresAdapterModule.workspaceId(database);
        this.transactions = new JooqTransactions(dsl);
        this.store = new JooqEntityStore(dsl);
        this.eventLog = new JooqEventLog(dsl, workspace);
        this.writes = new EventWrites(dsl, workspace);
    }

    private static TestDatabase shared;

    /** The database every {@link DatabaseIT} shares: started on first use, closed when the JVM exits. */
    static synchronized TestDatabase shared() {
        if (shared == null) {
            TestDatabase db = start();
            Runtime.getRuntime().addShutdownHook(new Thread(db::close, "test-database-stop"));
            shared = db;
        }
        return shared;
    }

    /** A database of its own, which the caller closes. */
    static TestDatabase start() {
        try {
            Path directory = Files.createTempDirectory("tollgate-pg-it");
            EmbeddedPostgresServer server = EmbeddedPostgresServer.start(directory.resolve("data"), 0, "tollgate");
            withoutWaitingForFlushes(server.settings());
            PostgresDatabase database = PostgresDatabase.connect(server.settings());
            database.migrate();
            return new TestDatabase(directory, server, database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test database's sessions commit without waiting for their WAL flush ({@code synchronous_commit = off} for
     * the database, which overrides the server's durable default): the tests never crash the machine, and thousands
     * of commits then take no fsync each.
     */
    private static void withoutWaitingForFlushes(PostgresSettings settings) {
        try (Connection c = DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
                Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + settings.database() + " SET synchronous_commit = off");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Empties every entity table, the event log and the compaction snapshot (tests in a class share one database).
     */
    void truncate() {
        StringBuilder tables = new StringBuilder();
        io.tollgate.domain.catalog.schemas.Schemas.ALL.forEach(
                s -> tables.append(s.name()).append(", "));
        dsl.execute("TRUNCATE " + tables + "event_log, event_log_snapshot RESTART IDENTITY CASCADE");
        dsl.execute("UPDATE event_log_compaction SET commit_seq = 0, event_id = 0, compacted_at = NULL, folded = 0");
    }

    /**
     * The events {@link JooqEventLog#readAfter} returns after {@code position}.
     *
     * @throws AssertionError when it says the position is behind the compaction snapshot
     */
    List<LoggedEvent> readAfter(LogPosition position, int limit) {
        return switch (eventLog.readAfter(position, limit)) {
            case LogRead.Events events -> events.events();
            case LogRead.BehindSnapshot behind -> throw new AssertionError("unexpectedly " + behind);
        };
    }

    @Override
    public void close() {
        database.close();
        server.close();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
