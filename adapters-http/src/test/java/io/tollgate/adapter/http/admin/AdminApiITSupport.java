package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapter.http.HttpServer;
import io.tollgate.adapter.http.HttpSettings;
import io.tollgate.adapter.http.HttpSettingsFixture;
import io.tollgate.application.admin.HistoryBrowsing;
import io.tollgate.application.cluster.ClusterMembership;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.in.AuthenticateAdmin;
import io.tollgate.application.port.in.BrowseHistory;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryEventHistory;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * Starts the real {@link HttpServer}, wired by {@code HttpAdapterModule} through Dagger, on ephemeral loopback ports
 * with in-memory ports behind the Admin API and a trivial proxy handler.
 */
abstract class AdminApiITSupport {

    static final InMemoryEntities ENTITIES = new InMemoryEntities();
    static final FakeNode NODE = new FakeNode(ENTITIES);
    static final FakeTargetHealth HEALTH = new FakeTargetHealth();
    /** The log behind the history endpoints: {@link #ENTITIES}' changes, and what tests append themselves. */
    static final InMemoryEventHistory LOG = new InMemoryEventHistory();
    /** The entity tables the history endpoints resolve ids and keys against, projected from {@link #LOG}. */
    static final InMemoryEntityStore TABLES = new InMemoryEntityStore();

    static final BrowseHistory HISTORY = new HistoryBrowsing(LOG, TABLES);

    static {
        ENTITIES.changes = event -> {
            LOG.add(NODE.info().nodeId(), Instant.now(), event);
            TABLES.project(event);
        };
    }

    /** The {@code nodes} table behind the clustering endpoints. */
    static final FakeClusterNodes CLUSTER = new FakeClusterNodes();

    static HttpServer server;
    static AdminClient admin;
    /** The status API ({@code status_listen}) of the same server. */
    static AdminClient status;

    @BeforeAll
    static void start() {
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        HttpHandler proxy = exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain");
            exchange.getResponseSender().send("proxied");
        };
        server = server(
                HttpSettingsFixture.plain(List.of(loopback), List.of(loopback), List.of(loopback)),
                proxy,
                AdminAccessSettings.OFF,
                credential -> java.util.Optional.empty());
        server.start();
        admin = new AdminClient(
                "http://127.0.0.1:" + server.adminAddresses().get(0).getPort());
        status = new AdminClient(
                "http://127.0.0.1:" + server.statusAddresses().get(0).getPort());
    }

    /**
     * A server (not started) over this suite's in-memory entities, node, health, history and cluster, with the given
     * listeners, proxy handler, {@code admin_auth} mode and accounts.
     */
    static HttpServer server(
            HttpSettings settings, HttpHandler proxy, AdminAccessSettings access, AuthenticateAdmin accounts) {
        return DaggerTestHttpComponent.factory()
                .create(
                        settings,
                        proxy,
                        ENTITIES,
                        ENTITIES,
                        ENTITIES,
                        NODE,
                        NODE,
                        HEALTH,
                        HISTORY,
                        new ClusterMembership(CLUSTER),
                        access,
                        accounts,
                        new DatabaseOutages())
                .server();
    }

    @AfterAll
    static void stop() {
        server.stop(Duration.ofSeconds(2));
    }

    @BeforeEach
    void reset() {
        ENTITIES.clear();
        NODE.cache.clear();
        LOG.clear();
        TABLES.restore(Map.of());
        CLUSTER.clear();
    }

    static JsonNode json(String text) {
        try {
            return AdminClient.JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static JsonNode created(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    static void assertReply(AdminClient.Reply reply, int status, String body) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.json()).isEqualTo(json(body));
    }
}
