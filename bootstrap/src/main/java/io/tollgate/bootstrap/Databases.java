package io.tollgate.bootstrap;

import io.tollgate.adapter.postgres.EmbeddedPostgresServer;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.adapter.postgres.PostgresSettings;
import io.tollgate.bootstrap.config.DatabaseMode;
import io.tollgate.bootstrap.config.TollgateConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the database a configuration names: with {@code database = embedded} a real PostgreSQL started under
 * {@code <prefix>/postgres} (data kept across restarts), with {@code database = postgres} the server of the
 * {@code pg_*} properties.
 */
final class Databases implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Databases.class);

    private final @Nullable EmbeddedPostgresServer embedded;
    private final PostgresDatabase database;

    private Databases(@Nullable EmbeddedPostgresServer embedded, PostgresDatabase database) {
        this.embedded = embedded;
        this.database = database;
    }

    /** Starts the embedded server when configured, then connects the pool. */
    static Databases open(TollgateConfig config) {
        EmbeddedPostgresServer embedded = null;
        PostgresSettings settings;
        if (config.database() == DatabaseMode.EMBEDDED) {
            var dataDirectory = config.prefix().resolve("postgres");
            embedded = EmbeddedPostgresServer.start(dataDirectory, 0, config.pgDatabase());
            settings = embedded.settings().withSchema(config.pgSchema().orElse(null));
            LOG.info(
                    "database = embedded: embedded PostgreSQL listening on 127.0.0.1:{} (user postgres, database {}), data in {}",
                    embedded.port(),
                    settings.database(),
                    dataDirectory);
        } else {
            settings = new PostgresSettings(
                    config.pgHost(),
                    config.pgPort(),
                    config.pgUser(),
                    config.pgPassword().orElse(null),
                    config.pgDatabase(),
                    config.pgSchema().orElse(null),
                    config.pgTimeout().toMillis());
        }
        try {
            return new Databases(embedded, PostgresDatabase.connect(settings));
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    PostgresDatabase database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
