package io.tollgate.bootstrap.e2e;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.sql.DataSource;

/**
 * An embedded PostgreSQL on loopback and what an end-to-end test starts on it (node processes, upstreams), closed
 * together: everything registered in reverse order of registration, then the database. Safe to register from
 * several threads (nodes started in parallel).
 */
final class TestCluster implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dir;
    private final Deque<AutoCloseable> started = new ConcurrentLinkedDeque<>();

    private TestCluster(EmbeddedPostgres postgres, Path dir) {
        this.postgres = postgres;
        this.dir = dir;
    }

    /** A cluster whose nodes keep their files under {@code dir}, on a PostgreSQL with its default durability. */
    static TestCluster start(Path dir) throws IOException {
        return new TestCluster(EmbeddedPostgres.builder().start(), dir);
    }

    /**
     * The same on a PostgreSQL without {@code fsync} and {@code synchronous_commit}, for tests that write thousands
     * of entities and never crash the database.
     */
    static TestCluster startFast(Path dir) throws IOException {
        return new TestCluster(
                EmbeddedPostgres.builder()
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .start(),
                dir);
    }

    /** {@link NodeProcess#onPostgres} for this cluster's database, plus {@code extra} key/value pairs; mutable. */
    Map<String, String> settings(String... extra) {
        return NodeProcess.onPostgres(postgres.getPort(), extra);
    }

    /** Starts a node named {@code name} with {@code settings} and closes it with the cluster. */
    NodeProcess node(String name, Map<String, String> settings) throws Exception {
        return closing(NodeProcess.start(name, dir, settings));
    }

    /** As {@link #node}, with the proxy also listening with {@code ssl http2} ({@link NodeProcess#tlsPort}). */
    NodeProcess tlsNode(String name, Map<String, String> settings) throws Exception {
        return closing(NodeProcess.startWithTls(name, dir, settings));
    }

    /** As {@link #tlsNode}, with {@code environment} added to the node process's environment variables. */
    NodeProcess tlsNode(String name, Map<String, String> settings, Map<String, String> environment) throws Exception {
        return closing(NodeProcess.startWithTls(name, dir, settings, environment));
    }

    /** Closes {@code resource} with the cluster, before what was registered earlier. */
    <T extends AutoCloseable> T closing(T resource) {
        started.push(resource);
        return resource;
    }

    /** The database's port on 127.0.0.1. */
    int port() {
        return postgres.getPort();
    }

    /** The {@code postgres} database the nodes use, for assertions on its tables. */
    DataSource database() {
        return postgres.getPostgresDatabase();
    }

    /** Closes every registered resource, then the database, even when one of them fails; rethrows the first failure. */
    @Override
    public void close() throws Exception {
        Exception first = null;
        for (AutoCloseable resource = started.poll(); resource != null; resource = started.poll()) {
            try {
                resource.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        try {
            postgres.close();
        } catch (IOException e) {
            first = first == null ? e : first;
        }
        if (first != null) {
            throw first;
        }
    }
}
