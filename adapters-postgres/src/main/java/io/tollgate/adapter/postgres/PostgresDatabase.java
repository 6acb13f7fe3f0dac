package io.tollgate.adapter.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.DatabaseUnavailable;
import io.tollgate.application.port.PoolUsage;
import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.LogCompaction;
import io.tollgate.domain.shared.WorkspaceId;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One node's connection to Tollgate's PostgreSQL database: the connection pool, schema migrations (Kong's
 * {@code kong migrations bootstrap|up|list}), the default workspace id, and a liveness ping for {@code /status}.
 *
 * <p>Bootstrap creates one with {@link #connect}, calls {@link #migrate()} (or checks {@link #status()}), hands it
 * to the Dagger component (see {@link PostgresAdapterModule}) and {@link #close()}s it at shutdown.
 * Thread-safe.
 */
public final class PostgresDatabase implements AutoCloseable {

    private static final String POOL_NAME = "tollgate-postgres";
    private static final String REPLICA_POOL_NAME = "tollgate-postgres-ro";

    private final PostgresSettings settings;
    private final HikariDataSource dataSource;
    private final @Nullable PostgresSettings replicaSettings;
    private final @Nullable HikariDataSource replicaDataSource;
    private volatile @Nullable WorkspaceId workspaceId;
    /**
     * The database outages of the tools that use this database outside a node's object graph ({@link #logCompaction},
     * {@link #clusterNodes}, {@link #adminAccounts}, {@link LogState#of(PostgresDatabase)}): never watched, so an
     * outage is logged once as it starts and never fails work fast. A node passes its own.
     */
    private final DatabaseOutages toolOutages = new DatabaseOutages();

    private PostgresDatabase(
            PostgresSettings settings,
            HikariDataSource dataSource,
            @Nullable PostgresSettings replicaSettings,
            @Nullable HikariDataSource replicaDataSource) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.replicaSettings = replicaSettings;
        this.replicaDataSource = replicaDataSource;
    }

    /**
     * Opens the connection pool: {@code pg_timeout} bounds the wait for a pooled connection and for the server's
     * connect/login (rounded up to seconds); socket reads time out after {@code pg_timeout} or 30 s, whichever is
     * longer; {@code pg_schema}, when set, is the connections' current schema.
     *
     * @throws DatabaseUnavailable when the server cannot be reached or refuses the credentials
     */
    public static PostgresDatabase connect(PostgresSettings settings) {
        return connect(settings, null);
    }

    /**
     * As {@link #connect(PostgresSettings)}, with a second pool on a read-only streaming replica (Kong's
     * {@code pg_ro_*}) for the proxy path's reads ({@link ReplicaEntityStore}). The replica's pool opens even when the
     * replica cannot be reached yet (reads then go to the primary until it can).
     *
     * @param replica the replica's settings, {@code null} for none
     * @throws DatabaseUnavailable when the primary cannot be reached or refuses the credentials
     */
    public static PostgresDatabase connect(PostgresSettings settings, @Nullable PostgresSettings replica) {
        Objects.requireNonNull(settings, "settings");
        HikariDataSource primary;
        try {
            primary = new HikariDataSource(poolConfig(settings, POOL_NAME, "tollgate"));
        } catch (RuntimeException e) {
            throw new DatabaseUnavailable(
                    "could not connect to PostgreSQL at " + settings.host() + ":" + settings.port() + "/"
                            + settings.database() + ": " + SqlFailures.rootMessage(e),
                    e);
        }
        if (replica == null) {
            return new PostgresDatabase(settings, primary, null, null);
        }
        HikariConfig ro = poolConfig(replica, REPLICA_POOL_NAME, "tollgate-ro");
        ro.setInitializationFailTimeout(-1);
        ro.setReadOnly(true);
        return new PostgresDatabase(settings, primary, replica, new HikariDataSource(ro));
    }

    /**
     * A pool's configuration: at most {@link PostgresPool#maximumConnections()} connections, idle ones closed
     * after {@code pg_keepalive_timeout} (no idle minimum); {@code pg_timeout} bounds the wait for a pooled connection and the
     * server's connect/login.
     */
    private static HikariConfig poolConfig(PostgresSettings settings, String poolName, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(poolName);
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.user());
        if (settings.password() != null) {
            config.setPassword(settings.password());
        }
        int max = settings.pool().maximumConnections();
        config.setMaximumPoolSize(max);
        // No idle minimum: during an outage the pool then stops retrying once nobody waits for a connection (work
        // fails fast, see OutageAwareConnections), so its growing back-off does not delay the first connection after.
        config.setMinimumIdle(0);
        config.setIdleTimeout(settings.pool().keepaliveTimeoutMs());
        // every connection at READ COMMITTED (PostgreSQL's default), whatever the server's default: the isolation the
        // writes are designed for, and what OutageAwareConnections answers jOOQ without asking the server
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setConnectionTimeout(Math.max(250, settings.timeoutMs()));
        config.setValidationTimeout(Math.max(250, Math.min(settings.timeoutMs(), config.getConnectionTimeout())));
        config.setDataSourceProperties(driverProperties(settings, applicationName));
        return config;
    }

    /** The settings this database was opened with. */
    public PostgresSettings settings() {
        return settings;
    }

    /**
     * Runs the pending migrations (creating {@code pg_schema} when set and missing). Safe when several nodes start
     * together: Flyway serialises them with a PostgreSQL advisory lock, and a node that finds the work done runs
     * nothing. A schema found current by a read of Flyway's history ({@link CurrentSchema}) returns 0 without loading
     * Flyway.
     *
     * @return how many migrations this call ran (0 when already up to date)
     * @throws DatabaseUnavailable when the database cannot be reached
     * @throws IllegalStateException when a migration fails or the applied ones do not match this version's scripts
     */
    public int migrate() {
        try {
            if (CurrentSchema.isCurrent(dataSource, PostgresDatabase.class.getClassLoader())) {
                return 0;
            }
        } catch (SQLException e) {
            if (SqlFailures.isUnavailable(e)) {
                throw unavailable(settings, "could not migrate the database", e);
            }
            // any other failure to read the history: Flyway reads it again and reports it
        }
        return migrations().migrate();
    }

    /**
     * The applied and pending migrations.
     *
     * @throws DatabaseUnavailable when the database cannot be reached
     */
    public MigrationStatus status() {
        return migrations().status();
    }

    /**
     * Drops every object in the database's schema ({@code pg_schema}, else the connection's default one), migration
     * history included: Kong's {@code kong migrations reset}. Flyway's clean, which takes the same advisory lock as
     * {@link #migrate()}.
     *
     * @throws DatabaseUnavailable when the database cannot be reached
     * @throws IllegalStateException when an object cannot be dropped
     */
    public void reset() {
        migrations().clean();
        workspaceId = null;
    }

    /**
     * The id of Kong's {@code default} workspace (created by the first migration), the last part of every cache
     * key. Read once, then remembered.
     *
     * @throws IllegalStateException when the database has not been migrated
     * @throws DatabaseUnavailable when the database cannot be reached
     */
    public WorkspaceId workspaceId() {
        WorkspaceId known = workspaceId;
        if (known != null) {
            return known;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT id FROM workspaces WHERE name = 'default'")) {
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the database has no 'default' workspace; run the migrations");
                }
                known = new WorkspaceId(rs.getObject(1, UUID.class));
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) { // undefined table
                throw new IllegalStateException("the database is not migrated yet; run the migrations first", e);
            }
            throw unavailable("could not read the default workspace", e);
        }
        workspaceId = known;
        return known;
    }

    /**
     * The server's major version, e.g. {@code 18}, for the start-up summary.
     *
     * @throws DatabaseUnavailable when the database cannot be reached
     */
    public int serverMajorVersion() {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseMajorVersion();
        } catch (SQLException e) {
            throw unavailable("could not read the server version", e);
        }
    }

    /**
     * Whether {@code SELECT 1} succeeds within {@code pg_timeout} (Kong's {@code /status} {@code database.reachable}),
     * on a connection of its own rather than the pool's: the pool retries its connections with a back-off of up to
     * 5 s during an outage, which would delay seeing the database back. {@code false} once this database is closed.
     * Never throws.
     */
    public boolean ping() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection c = openDedicated("tollgate-probe");
                PreparedStatement q = c.prepareStatement("SELECT 1")) {
            q.setQueryTimeout((int) Math.max(1, (settings.timeoutMs() + 999) / 1000));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getInt(1) == 1;
            }
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The compaction of this database's event log, for callers outside a node's object graph ({@code tollgate db
     * compact}); a node gets the same through {@link PostgresAdapterModule}. Its cut-off uses the database's clock.
     */
    public LogCompaction logCompaction() {
        return new JooqLogCompaction(PostgresAdapterModule.dslContext(this, toolOutages));
    }

    /**
     * The {@code nodes} table of this database, for callers outside a node's object graph ({@code tollgate cluster
     * members}); a node gets the same through {@link PostgresAdapterModule}.
     */
    public ClusterNodes clusterNodes() {
        return new JooqClusterNodes(PostgresAdapterModule.dslContext(this, toolOutages));
    }

    /**
     * The {@code admin_accounts} table of this database, for callers outside a node's object graph ({@code tollgate
     * admins}); a node gets the same through {@link PostgresAdapterModule}.
     */
    public AdminAccounts adminAccounts() {
        return new JooqAdminAccounts(PostgresAdapterModule.dslContext(this, toolOutages));
    }

    /** The record of outages of the tools outside a node's object graph (see {@link #toolOutages}). */
    DatabaseOutages toolOutages() {
        return toolOutages;
    }

    /** The replica's settings ({@code pg_ro_*} over {@code pg_*}), when this database has one. */
    public java.util.Optional<PostgresSettings> replicaSettings() {
        return java.util.Optional.ofNullable(replicaSettings);
    }

    /**
     * The pools' use now, from HikariCP's counters (no query): {@code primary}, then {@code replica} when
     * {@code pg_ro_host} is set. A closed pool counts zero connections.
     */
    public List<PoolUsage> poolUsage() {
        if (replicaDataSource == null) {
            return List.of(usage("primary", dataSource));
        }
        return List.of(usage("primary", dataSource), usage("replica", replicaDataSource));
    }

    private static PoolUsage usage(String name, HikariDataSource pool) {
        HikariPoolMXBean bean = pool.isClosed() ? null : pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolUsage(name, 0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolUsage(
                name,
                bean.getActiveConnections(),
                bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize());
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return dataSource.isClosed();
    }

    /** Closes the connection pools; in-flight work fails with {@link DatabaseUnavailable}. */
    @Override
    public void close() {
        dataSource.close();
        if (replicaDataSource != null) {
            replicaDataSource.close();
        }
    }

    /**
     * A new connection outside the pool, with the pool's settings, for work that holds a connection for as long as
     * the node runs (the event log's listener, {@link PgLogNotifications}). The caller closes it.
     *
     * @param applicationName what {@code pg_stat_activity} shows for it
     * @throws SQLException when the server cannot be reached or refuses the credentials
     */
    Connection openDedicated(String applicationName) throws SQLException {
        Properties props = driverProperties(settings, applicationName);
        props.setProperty("user", settings.user());
        if (settings.password() != null) {
            props.setProperty("password", settings.password());
        }
        return DriverManager.getConnection(settings.jdbcUrl(), props);
    }

    /**
     * The driver's properties for every connection: {@code pg_timeout} bounds connect and login (rounded up to
     * seconds), socket reads time out after {@code pg_timeout} or 30 s, whichever is longer, and {@code pg_schema},
     * when set, is the current schema; TLS as {@link PostgresTls#applyTo}. Each session also carries {@code lock_timeout} and
     * {@code idle_in_transaction_session_timeout} of {@code pg_timeout} milliseconds: a statement waits at most that
     * long for a lock another session holds (then fails as the database being unavailable), and a session that stops
     * in the middle of a transaction (its node frozen or cut off) is ended by the server after that long, which
     * releases its locks; so a stalled writer delays other writers by at most {@code pg_timeout}.
     */
    private static Properties driverProperties(PostgresSettings settings, String applicationName) {
        Properties props = new Properties();
        long seconds = Math.max(1, (settings.timeoutMs() + 999) / 1000);
        props.setProperty("connectTimeout", Long.toString(seconds));
        props.setProperty("loginTimeout", Long.toString(seconds));
        props.setProperty("socketTimeout", Long.toString(Math.max(seconds, 30)));
        props.setProperty("ApplicationName", applicationName);
        props.setProperty(
                "options",
                "-c lock_timeout=" + settings.timeoutMs() + " -c idle_in_transaction_session_timeout="
                        + settings.timeoutMs());
        if (settings.schema() != null) {
            props.setProperty("currentSchema", settings.schema());
        }
        settings.tls().applyTo(props);
        return props;
    }

    /** The pooled data source, for the jOOQ context built by {@link PostgresAdapterModule}. */
    DataSource dataSource() {
        return dataSource;
    }

    /** The replica's pooled data source, {@code null} without a replica. */
    @Nullable
    DataSource replicaDataSource() {
        return replicaDataSource;
    }

    private FlywayMigrations migrations() {
        return new FlywayMigrations(dataSource, settings);
    }

    private DatabaseUnavailable unavailable(String what, Exception e) {
        return unavailable(settings, what, e);
    }

    /** A failure to reach the database of {@code settings} while doing {@code what}. */
    static DatabaseUnavailable unavailable(PostgresSettings settings, String what, Exception e) {
        return new DatabaseUnavailable(
                what + " at " + settings.host() + ":" + settings.port() + "/" + settings.database() + ": "
                        + SqlFailures.rootMessage(e),
                e);
    }
}
