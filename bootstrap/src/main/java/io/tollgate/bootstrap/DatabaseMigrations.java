package io.tollgate.bootstrap;

import io.tollgate.adapter.postgres.MigrationStatus;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.bootstrap.cli.MigrationsAction;
import io.tollgate.bootstrap.config.TollgateConfig;
import java.io.PrintStream;
import java.util.List;

/**
 * What {@code tollgate migrations <action>} does against the configured database, with Kong's meanings and messages
 * ({@code kong/cmd/migrations.lua}). A database is bootstrapped once a migration has been applied to it. Flyway's
 * advisory lock serialises nodes that migrate at the same time; the one that comes second finds the work done.
 */
public final class DatabaseMigrations {
    private static final String NEEDS_BOOTSTRAP = "Database needs bootstrapping; run 'tollgate migrations bootstrap'";

    private DatabaseMigrations() {}

    /**
     * Runs {@code action} (a {@code reset} is already confirmed) and prints what it did to {@code out}.
     *
     * @return the exit code: 0 done; for {@code list} {@link MigrationsAction#NEEDS_BOOTSTRAP} (3) or
     *     {@link MigrationsAction#PENDING} (5)
     * @throws IllegalStateException with a one-line message for {@code up} or {@code finish} on a database that
     *     needs bootstrapping, {@code reset} of one that was never bootstrapped, or a migration that failed (the CLI
     *     prints it and exits 1)
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot be reached
     */
    public static int run(TollgateConfig config, MigrationsAction action, PrintStream out) {
        try (Databases databases = Databases.open(config)) {
            PostgresDatabase database = databases.database();
            MigrationStatus status = database.status();
            boolean bootstrapped = !status.applied().isEmpty();
            return switch (action) {
                case BOOTSTRAP -> {
                    if (bootstrapped) {
                        out.println("Database already bootstrapped");
                    } else {
                        out.println("Bootstrapping database...");
                        int applied = database.migrate();
                        out.println(applied + " migration(s) processed");
                        out.println("Database is up-to-date");
                    }
                    yield 0;
                }
                case UP -> {
                    if (!bootstrapped) {
                        yield failure(NEEDS_BOOTSTRAP);
                    }
                    int applied = database.migrate();
                    if (applied == 0) {
                        out.println("Database is already up-to-date");
                    } else {
                        out.println(applied + " migration(s) processed");
                        out.println("Database is up-to-date");
                    }
                    yield 0;
                }
                case FINISH -> {
                    if (!bootstrapped) {
                        yield failure(NEEDS_BOOTSTRAP);
                    }
                    out.println("No pending migrations to finish");
                    yield 0;
                }
                case LIST, STATUS -> list(status, action, out);
                case RESET -> {
                    if (!bootstrapped) {
                        yield failure("Database not bootstrapped, nothing to reset");
                    }
                    database.reset();
                    out.println("Database successfully reset");
                    yield 0;
                }
            };
        }
    }

    private static int list(MigrationStatus status, MigrationsAction action, PrintStream out) {
        boolean list = action == MigrationsAction.LIST;
        if (status.applied().isEmpty()) {
            out.println(NEEDS_BOOTSTRAP);
            return list ? MigrationsAction.NEEDS_BOOTSTRAP : 0;
        }
        out.println("Executed migrations:");
        print(status.applied(), out);
        if (status.isUpToDate()) {
            out.println("Database is up-to-date");
            return 0;
        }
        out.println("New migrations available:");
        print(status.pending(), out);
        out.println("Run 'tollgate migrations up' to proceed");
        return list ? MigrationsAction.PENDING : 0;
    }

    private static void print(List<MigrationStatus.Migration> migrations, PrintStream out) {
        migrations.forEach(m -> out.println("  " + m.version() + " " + m.description() + " (" + m.state() + ")"));
    }

    private static int failure(String message) {
        throw new IllegalStateException(message);
    }
}
