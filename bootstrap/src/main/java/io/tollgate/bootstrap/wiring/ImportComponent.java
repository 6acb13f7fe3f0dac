package io.tollgate.bootstrap.wiring;

import dagger.BindsInstance;
import dagger.Component;
import dagger.Module;
import dagger.Provides;
import io.tollgate.adapter.http.json.JacksonJsonCodec;
import io.tollgate.adapter.postgres.PostgresAdapterModule;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.application.admin.ConfigurationImport;
import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.ImportConfiguration;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.credential.PasswordHasher;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * The object graph of {@code tollgate config db_import} (and of {@code tollgate vault get}'s reads), outside any node:
 * the PostgreSQL adapter and the import use case. It writes under a fresh node id and holds no cache or router, so
 * every running node applies its events when it follows the log.
 */
@Singleton
@Component(modules = {PostgresAdapterModule.class, ImportComponent.ImportModule.class})
public interface ImportComponent {

    ImportConfiguration importer();

    /** The adapter's entity tables, for the CLI's reads outside a node ({@code tollgate vault get}'s prefixes). */
    EntityStore store();

    /** Creates the graph around a connected, migrated database. */
    @Component.Factory
    interface Factory {
        ImportComponent create(@BindsInstance PostgresDatabase database);
    }

    /** Dagger's generated factory. */
    static Factory factory() {
        return DaggerImportComponent.factory();
    }

    /** The import use case over the adapter's ports. */
    @Module
    interface ImportModule {
        /** The tool's record of database outages: never watched, so an outage is logged as it starts and never ends. */
        @Provides
        @Singleton
        static DatabaseOutages outages() {
            return new DatabaseOutages();
        }

        @Provides
        @Singleton
        static ImportConfiguration importer(
                EntityStore store, EventLog log, Transactions transactions, WorkspaceId workspace) {
            return new ConfigurationImport(
                    store,
                    log,
                    transactions,
                    new LocalInvalidation(new NoNodeCache(), List.of()),
                    UUID.randomUUID(),
                    workspace,
                    Clock.systemUTC(),
                    new PasswordHasher(),
                    new JacksonJsonCodec());
        }
    }
}
