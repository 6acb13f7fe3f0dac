package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.await;
import static io.tollgate.bootstrap.e2e.Http.delete;
import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.out.LogPosition;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node frozen across a compaction: nodes A and B run as processes on one PostgreSQL ({@code db_update_frequency =
 * 1}); B is frozen (SIGSTOP) while A writes, {@code tollgate db compact} folds those writes into the snapshot (so B
 * can no longer read them from the log), and A writes more. Resumed, B finds its position behind the snapshot,
 * resynchronises (purges its cache, rebuilds everything) and must serve every change, a cached miss included.
 *
 * <p>(Restarting B would not do: a node gets a new id and starts at the log's head at every start.)
 */
class CompactionCatchUpIT {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration SETTLE = POLL.multipliedBy(10);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static EchoUpstream upstream;
    static NodeProcess a;
    static NodeProcess b;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dir);
        upstream = cluster.closing(new EchoUpstream());
        Map<String, String> db = cluster.settings("db_update_frequency", "1", "db_cache_neg_ttl", "0");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (b != null) {
            b.resume(); // a frozen node would not exit on SIGTERM
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void created(String path, String json) {
        var response = post(a.admin() + path, json);
        assertThat(response.status()).as("POST %s: %s", path, response.body()).isEqualTo(201);
    }

    private static String route(String name) {
        return "{\"name\":\"" + name + "\",\"paths\":[\"/" + name + "\"],\"service\":{\"name\":\"echo\"}}";
    }

    @Test
    void a_node_frozen_across_a_compaction_serves_every_change_after_its_next_poll() throws Exception {
        created("/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}");
        created("/routes", route("before"));
        created("/routes", route("doomed"));
        created("/routes", route("keyed"));
        created("/routes/keyed/plugins", "{\"name\":\"key-auth\"}");
        await(b.proxy() + "/before", status(200), SETTLE);
        await(b.proxy() + "/doomed", status(200), SETTLE);
        // B caches the misses of keys nobody has yet (db_cache_neg_ttl = 0: until invalidated)
        await(b.proxy() + "/keyed", status(401), SETTLE, "apikey", "late-key");
        assertThat(get(b.proxy() + "/keyed", "apikey", "after-key").status()).isEqualTo(401);
        assertThat(get(b.admin() + "/cache?prefix=keyauth_credentials:").body()).contains("late-key", "after-key");

        b.freeze();
        created("/routes", route("folded"));
        assertThat(delete(a.admin() + "/routes/doomed").status()).isEqualTo(204);
        created("/consumers", "{\"username\":\"carol\"}");
        created("/consumers/carol/key-auth", "{\"key\":\"late-key\"}");

        var compacted = NodeProcess.command(
                Duration.ofSeconds(120), "db", "compact", "-c", a.conf().toString(), "--retention", "0.001");
        assertThat(compacted.exitCode()).as(compacted.output()).isZero();
        assertThat(compacted.output()).contains("event log compacted:", "folded into the snapshot");
        LogPosition snapshot;
        try (Connection db = cluster.database().getConnection();
                ResultSet r = db.createStatement()
                        .executeQuery("SELECT commit_seq::text, event_id, (SELECT count(*) FROM event_log)"
                                + " FROM event_log_compaction")) {
            assertThat(r.next()).isTrue();
            snapshot = new LogPosition(Long.parseLong(r.getString(1)), r.getLong(2));
            assertThat(snapshot.eventId()).isPositive();
            assertThat(r.getLong(3)).as("every event was folded and deleted").isZero();
        }
        // after the compaction, changes that bump no structure: only the resynchronisation fixes B's router
        created("/consumers", "{\"username\":\"dave\"}");
        created("/consumers/dave/key-auth", "{\"key\":\"after-key\"}");

        b.resume();
        await(b.proxy() + "/folded", status(200), SETTLE);
        assertThat(get(b.proxy() + "/doomed").status()).isEqualTo(404);
        assertThat(get(b.proxy() + "/before").status()).isEqualTo(200);
        assertThat(get(b.proxy() + "/keyed", "apikey", "late-key").status()).isEqualTo(200);
        assertThat(get(b.proxy() + "/keyed", "apikey", "after-key").status()).isEqualTo(200);
        assertThat(b.log()).contains("is before the compaction snapshot at " + snapshot + ":");

        // and B follows the log on from the snapshot: a new miss, then the key, then a route
        assertThat(get(b.proxy() + "/keyed", "apikey", "later-key").status()).isEqualTo(401);
        created("/consumers", "{\"username\":\"erin\"}");
        created("/consumers/erin/key-auth", "{\"key\":\"later-key\"}");
        created("/routes", route("after"));
        await(b.proxy() + "/keyed", status(200), SETTLE, "apikey", "later-key");
        await(b.proxy() + "/after", status(200), SETTLE);
        assertThat(b.log().split("before the compaction snapshot", -1))
                .as("one warning")
                .hasSize(2);
    }
}
