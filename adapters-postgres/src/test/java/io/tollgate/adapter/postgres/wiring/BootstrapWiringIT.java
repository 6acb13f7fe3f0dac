package io.tollgate.adapter.postgres.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.list;
import static org.assertj.core.api.InstanceOfAssertFactories.type;

import dagger.BindsInstance;
import dagger.Component;
import io.tollgate.adapter.postgres.EmbeddedPostgresServer;
import io.tollgate.adapter.postgres.PostgresAdapterModule;
import io.tollgate.adapter.postgres.PostgresDatabase;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.EventLog;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.application.port.out.LogRead;
import io.tollgate.application.port.out.LoggedEvent;
import io.tollgate.application.port.out.Transactions;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.shared.WorkspaceId;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bootstrap's sequence from outside the adapter's package, through its public API and a Dagger component only:
 * start the embedded server, connect, migrate, build the component, write; then stop, start again on the same
 * data directory and find the data.
 */
class BootstrapWiringIT {

    @Singleton
    @Component(modules = PostgresAdapterModule.class)
    interface Node {
        EntityStore store();

        EventLog eventLog();

        Transactions transactions();

        WorkspaceId workspace();

        @Component.Factory
        interface Factory {
            Node create(@BindsInstance PostgresDatabase database, @BindsInstance DatabaseOutages outages);
        }
    }

    @TempDir
    Path directory;

    @Test
    void a_node_wired_by_dagger_writes_and_its_data_survives_a_restart() {
        Path data = directory.resolve("pg");
        UUID nodeId = UUID.randomUUID();
        Entity service = new Entity(
                Services.SCHEMA,
                Services.SCHEMA.validate(Map.of(
                        "id",
                        UUID.randomUUID().toString(),
                        "name",
                        "kept",
                        "host",
                        "example.com",
                        "created_at",
                        1L,
                        "updated_at",
                        1L)));
        WorkspaceId workspace;
        int port;
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, 0, "kong");
                PostgresDatabase database = PostgresDatabase.connect(server.settings())) {
            assertThat(server.settings().database()).isEqualTo("kong");
            assertThat(server.settings().port()).isEqualTo(server.port()).isPositive();
            port = server.port();
            assertThat(database.migrate())
                    .isEqualTo(database.status().applied().size())
                    .isGreaterThanOrEqualTo(4);
            Node node = DaggerBootstrapWiringIT_Node.factory().create(database, new DatabaseOutages());
            workspace = node.workspace();
            assertThat(workspace).isEqualTo(database.workspaceId());
            assertThat(node.transactions()).isSameAs(node.transactions());

            EntityCreated created = new EntityCreated(service);
            node.transactions().inTransaction(() -> {
                node.eventLog().append(nodeId, created);
                return null;
            });
            assertThat(node.eventLog().readAfter(LogPosition.START, 10))
                    .asInstanceOf(type(LogRead.Events.class))
                    .extracting(LogRead.Events::events)
                    .asInstanceOf(list(LoggedEvent.class))
                    .singleElement()
                    .satisfies(e -> assertThat(e.nodeId()).isEqualTo(nodeId));
        }
        // Same directory, and the port we had before (free again now).
        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(data, port, "kong");
                PostgresDatabase database = PostgresDatabase.connect(server.settings())) {
            assertThat(server.port()).isEqualTo(port);
            assertThat(database.migrate()).isZero();
            assertThat(database.status().isUpToDate()).isTrue();
            assertThat(database.ping()).isTrue();
            Node node = DaggerBootstrapWiringIT_Node.factory().create(database, new DatabaseOutages());
            assertThat(node.workspace()).isEqualTo(workspace);
            assertThat(node.store().find(Services.SCHEMA, service.id()))
                    .hasValueSatisfying(e -> assertThat(e.fields()).isEqualTo(service.fields()));
            assertThat(node.eventLog().head()).isNotEqualTo(LogPosition.START);
        }
    }
}
