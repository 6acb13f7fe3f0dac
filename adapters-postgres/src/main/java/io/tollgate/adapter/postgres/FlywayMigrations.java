package io.tollgate.adapter.postgres;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * {@link PostgresDatabase}'s use of Flyway, in a class of its own so that Flyway's classes are loaded only when one of
 * these runs (never on a node that starts on a current schema, see {@link CurrentSchema}). Flyway's failures become
 * {@link io.tollgate.application.port.DatabaseUnavailable} when the database cannot be reached, else
 * {@link IllegalStateException} with Flyway's message.
 */
final class FlywayMigrations {
    private final DataSource dataSource;
    private final PostgresSettings settings;

    FlywayMigrations(DataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
    }

    /** Runs the pending migrations; see {@link PostgresDatabase#migrate()}. */
    int migrate() {
        try {
            return configuration().load().migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw failure("could not migrate the database", e);
        }
    }

    /** The applied and pending migrations; see {@link PostgresDatabase#status()}. */
    MigrationStatus status() {
        try {
            var info = configuration().load().info();
            return new MigrationStatus(describe(info.applied()), describe(info.pending()));
        } catch (FlywayException e) {
            throw failure("could not read the migration status", e);
        }
    }

    /** Drops every object of the schema; see {@link PostgresDatabase#reset()}. */
    void clean() {
        try {
            configuration().cleanDisabled(false).load().clean();
        } catch (FlywayException e) {
            throw failure("could not reset the database", e);
        }
    }

    private FluentConfiguration configuration() {
        FluentConfiguration config = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:" + MigrationScripts.LOCATION)
                .failOnMissingLocations(true);
        if (settings.schema() != null) {
            config.schemas(settings.schema()).defaultSchema(settings.schema()).createSchemas(true);
        }
        return config;
    }

    private static List<MigrationStatus.Migration> describe(MigrationInfo[] migrations) {
        return Arrays.stream(migrations)
                .map(m -> new MigrationStatus.Migration(
                        m.getVersion() == null ? "" : m.getVersion().getVersion(),
                        m.getDescription(),
                        m.getState().getDisplayName()))
                .toList();
    }

    private RuntimeException failure(String what, FlywayException e) {
        if (SqlFailures.isUnavailable(e)) {
            return PostgresDatabase.unavailable(settings, what, e);
        }
        return new IllegalStateException(what + ": " + e.getMessage(), e);
    }
}
