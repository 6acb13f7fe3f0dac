package io.tollgate.bootstrap;

import io.tollgate.adapter.postgres.EmbeddedPostgresServer;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.adapter.postgres.PostgresPool;
import io.tollgate.adapter.postgres.PostgresSettings;
import io.tollgate.adapter.postgres.PostgresTls;
import io.tollgate.bootstrap.config.ConfigException;
import io.tollgate.bootstrap.config.DatabaseMode;
import io.tollgate.bootstrap.config.PostgresOptions;
import io.tollgate.bootstrap.config.ReadReplica;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.config.TrustedCertificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /**
     * Starts the embedded server when configured (stopped by {@link #close()}, or by its own hook at JVM exit), then
     * connects the pool.
     */
    static Databases open(TollgateConfig config) {
        return open(config, true);
    }

    /**
     * As {@link #open}, for a running node: the embedded server has no JVM shutdown hook of its own, so on SIGTERM it
     * stays up until the node's graceful stop (driven by the node's own hook) has finished with it and closes it last,
     * instead of being stopped in the middle of that stop.
     */
    static Databases openForNode(TollgateConfig config) {
        return open(config, false, true);
    }

    private static Databases open(TollgateConfig config, boolean stopWithJvm) {
        return open(config, stopWithJvm, false);
    }

    /**
     * @param withReplica whether to open the read replica's pool too ({@code pg_ro_host}): for a running node only,
     *     as Kong ignores the replica in its CLI
     */
    private static Databases open(TollgateConfig config, boolean stopWithJvm, boolean withReplica) {
        EmbeddedPostgresServer embedded = null;
        PostgresSettings settings;
        if (config.database() == DatabaseMode.EMBEDDED) {
            var dataDirectory = config.prefix().resolve("postgres");
            embedded = EmbeddedPostgresServer.start(
                    dataDirectory, 0, config.pgDatabase(), postgresLog(config), stopWithJvm);
            settings = embedded.settings()
                    .withSchema(config.pgSchema().orElse(null))
                    .withConnections(
                            PostgresTls.DISABLED, pool(config, config.postgres().maxConcurrentQueries()));
            LOG.debug(
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
                    config.pgTimeout().toMillis(),
                    tls(config, config.postgres().ssl(), config.postgres().sslVerify()),
                    pool(config, config.postgres().maxConcurrentQueries()));
        }
        PostgresSettings replica = withReplica
                ? config.postgres().replica().map(ro -> replica(config, ro)).orElse(null)
                : null;
        if (replica != null) {
            LOG.debug("pg_ro_host: proxy-path reads from the read replica {}", replica);
        }
        try {
            return new Databases(embedded, PostgresDatabase.connect(settings, replica));
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /**
     * As {@link #open}, except that with {@code database = embedded} a PostgreSQL already running on the prefix (its
     * node is up) is connected to rather than started a second time; one is started when none runs.
     */
    static Databases openOrJoin(TollgateConfig config) {
        if (config.database() == DatabaseMode.EMBEDDED) {
            var running = EmbeddedPostgresServer.running(config.prefix().resolve("postgres"), config.pgDatabase());
            if (running.isPresent()) {
                LOG.debug("database = embedded: using the PostgreSQL already running on the prefix");
                return new Databases(
                        null,
                        PostgresDatabase.connect(
                                running.get().withSchema(config.pgSchema().orElse(null))));
            }
        }
        return open(config);
    }

    /** The replica's settings: {@code pg_ro_*}, each already resolved to its {@code pg_*} twin when unset. */
    private static PostgresSettings replica(TollgateConfig config, ReadReplica ro) {
        return new PostgresSettings(
                ro.host(),
                ro.port(),
                ro.user(),
                ro.password().orElse(null),
                ro.database(),
                ro.schema().orElse(null),
                ro.timeout().toMillis(),
                tls(config, ro.ssl(), ro.sslVerify()),
                pool(config, ro.maxConcurrentQueries()));
    }

    private static PostgresTls tls(TollgateConfig config, boolean ssl, boolean verify) {
        PostgresOptions pg = config.postgres();
        return PostgresTls.of(
                ssl, verify, pg.sslRequired(), ssl && verify ? trustedFile(pg.trustedCertificates()) : null);
    }

    /**
     * {@code lua_ssl_trusted_certificate} as one PEM file for the driver's {@code sslrootcert}: null for {@code system}
     * alone (the JVM's default trust store), the file itself when it is the only entry, else a file of the combined
     * PEM text (Kong's {@code .ca_combined}, written byte for byte as {@link TrustedCertificates#combinedPem()} read
     * it), deleted when the JVM exits.
     */
    static @Nullable Path trustedFile(TrustedCertificates trusted) {
        if (trusted.systemOnly()) {
            return null;
        }
        if (!trusted.system() && trusted.files().size() == 1) {
            return trusted.files().get(0);
        }
        try {
            Path combined = Files.createTempFile("tollgate-ca_combined", ".pem");
            combined.toFile().deleteOnExit();
            return Files.writeString(combined, trusted.combinedPem().orElseThrow(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ConfigException("cannot write the combined lua_ssl_trusted_certificate: " + e.getMessage());
        }
    }

    private static PostgresPool pool(TollgateConfig config, int maxConcurrentQueries) {
        PostgresOptions pg = config.postgres();
        return new PostgresPool(
                pg.poolSize(), maxConcurrentQueries, pg.keepaliveTimeout().toMillis());
    }

    PostgresDatabase database() {
        return database;
    }

    /**
     * Where the embedded PostgreSQL's own programs ({@code initdb}, {@code pg_ctl}, the server) write:
     * {@code <prefix>/logs/postgres.log}.
     */
    static Path postgresLog(TollgateConfig config) {
        return config.prefix().resolve("logs").resolve("postgres.log");
    }

    /**
     * The database for the start-up summary: {@code embedded PostgreSQL 18 on 127.0.0.1:41234 at .tollgate/postgres}
     * or {@code PostgreSQL 16 at db.example:5432/kong}.
     */
    String describe(TollgateConfig config) {
        var settings = database.settings();
        String version = "PostgreSQL " + database.serverMajorVersion();
        return embedded != null
                ? "embedded " + version + " on 127.0.0.1:" + embedded.port() + " at "
                        + config.prefix().resolve("postgres")
                : version + " at " + settings.host() + ":" + settings.port() + "/" + settings.database();
    }

    @Override
    public void close() {
        database.close();
        if (embedded != null) {
            embedded.close();
        }
    }
}
