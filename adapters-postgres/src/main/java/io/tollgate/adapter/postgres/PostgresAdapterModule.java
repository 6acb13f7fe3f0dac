package io.tollgate.adapter.postgres;

import dagger.Binds;
import dagger.Module;
import dagger.Provides;
import io.tollgate.application.plugin.spi.Metrics;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.WritePositions;
import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.application.port.out.ClusterNodes;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventHistory;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.ExpiredRows;
import io.tollgate.application.port.out.LogCompaction;
import io.tollgate.application.port.out.LogNotifications;
import io.tollgate.application.port.out.TagIndex;
import io.tollgate.application.port.out.TrafficSamples;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

/**
 * The PostgreSQL adapter's Dagger bindings: {@link EntityStore}, {@link EventLog}, {@link EventHistory},
 * {@link LogCompaction}, {@link LogNotifications}, {@link Transactions}, {@link TagIndex} and the rate-limiting
 * {@link RateLimitCounters} and the {@link ClusterNodes} over one jOOQ {@link DSLContext}, and the default
 * {@link WorkspaceId}.
 *
 * <p>Needs a connected (and migrated) {@link PostgresDatabase} in the graph, which the component receives with
 * {@code @BindsInstance}; the component owns neither its start nor its {@link PostgresDatabase#close() close}. Needs
 * the node's {@link DatabaseOutages} too (one per component, provided by whoever installs the module).
 * Install it in a {@code @Singleton} component.
 */
@Module
public interface PostgresAdapterModule {

    @Binds
    EntityStore entityStore(JooqEntityStore store);

    @Binds
    ExpiredRows expiredRows(JooqEntityStore store);

    @Binds
    EventLog eventLog(JooqEventLog log);

    @Binds
    EventHistory eventHistory(JooqEventHistory history);

    @Binds
    LogCompaction logCompaction(JooqLogCompaction compaction);

    /**
     * The event log's wake-ups ({@code LISTEN} on a dedicated connection); a new, not yet listening instance at each
     * request, owned (and closed) by whoever takes it.
     */
    @Binds
    LogNotifications logNotifications(PgLogNotifications notifications);

    @Binds
    Transactions transactions(JooqTransactions transactions);

    /** The log position of a thread's last write, for the Admin API's {@code X-Tollgate-Log-Position}. */
    @Binds
    WritePositions writePositions(CommitPositions positions);

    @Binds
    TagIndex tagIndex(JooqTagIndex tags);

    @Binds
    RateLimitCounters rateLimitCounters(JooqRateLimitCounters counters);

    /** The {@code nodes} table: cluster membership and heartbeats. */
    @Binds
    ClusterNodes clusterNodes(JooqClusterNodes nodes);

    /** The {@code traffic_samples} table: the cluster's traffic series. */
    @Binds
    TrafficSamples trafficSamples(JooqTrafficSamples samples);

    /** The {@code admin_accounts} table: who may use the Admin API when {@code admin_auth} is on. */
    @Binds
    AdminAccounts adminAccounts(JooqAdminAccounts accounts);

    /**
     * The jOOQ context over the database's pool: PostgreSQL dialect, and a {@code ThreadLocalTransactionProvider} so
     * that work inside {@link Transactions#inTransaction} runs on the transaction's connection; connections fail fast
     * during an outage ({@link OutageAwareConnections}).
     */
    @Provides
    @Singleton
    static DSLContext dslContext(PostgresDatabase database, DatabaseOutages outages) {
        return DSL.using(new DefaultConfiguration()
                .set(SQLDialect.POSTGRES)
                .set(new ThreadLocalTransactionProvider(
                        new OutageAwareConnections(new DataSourceConnectionProvider(database.dataSource()), outages))));
    }

    /**
     * The proxy path's entity reads ({@link ProxyReads}): on the read replica, never staler than what the node has
     * read from the log ({@link ReplicaEntityStore}), when the database has one; else the primary's store.
     */
    @Provides
    @Singleton
    @ProxyReads
    static EntityStore proxyReads(
            PostgresDatabase database,
            JooqEntityStore primary,
            ReplicaFreshness freshness,
            Metrics metrics,
            DatabaseOutages outages) {
        DataSource replicaSource = database.replicaDataSource();
        PostgresSettings replica = database.replicaSettings().orElse(null);
        if (replicaSource == null || replica == null) {
            return primary;
        }
        DSLContext replicaDsl = DSL.using(replicaSource, SQLDialect.POSTGRES);
        DSLContext primaryDsl = dslContext(database, outages);
        ReplicaGate gate = new ReplicaGate(
                replica.host() + ":" + replica.port() + "/" + replica.database(),
                () -> logHead(replicaDsl),
                database::isClosed,
                replica.timeoutMs(),
                metrics);
        return new ReplicaEntityStore(
                new JooqEntityStore(replicaDsl), primary, freshness, () -> logHead(primaryDsl), gate);
    }

    /**
     * The last commit number of the event log ({@code event_log_head}, migration V9).
     *
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database cannot answer
     */
    static long logHead(DSLContext dsl) {
        try {
            Long head = dsl.resultQuery("SELECT commit_seq FROM event_log_head WHERE id = 1")
                    .fetchOne(0, Long.class);
            return head == null ? 0 : head;
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }

    /**
     * The id of Kong's {@code default} workspace, read once from the migrated database.
     *
     * @throws IllegalStateException when the database has not been migrated
     */
    @Provides
    @Singleton
    static WorkspaceId workspaceId(PostgresDatabase database) {
        return database.workspaceId();
    }
}
