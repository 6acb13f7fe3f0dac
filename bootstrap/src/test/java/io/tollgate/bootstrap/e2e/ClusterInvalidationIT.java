package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.ExpectedInvalidation.created;
import static io.tollgate.bootstrap.e2e.Http.await;
import static io.tollgate.bootstrap.e2e.Http.get;
import static io.tollgate.bootstrap.e2e.Http.post;
import static io.tollgate.bootstrap.e2e.Http.status;
import static io.tollgate.domain.testing.PemFixtures.pem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.bootstrap.e2e.ExpectedInvalidation.Logged;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3, done-when 3: writes of every entity type on node A invalidate exactly the right cache keys on node B,
 * cascades included. Two nodes run as processes on one embedded PostgreSQL ({@code db_update_frequency = 0.5},
 * {@code db_cache_neg_ttl = 0}).
 *
 * <p>How each write is checked ({@link #write} then {@link #check}):
 * <ol>
 *   <li>B is warmed through real proxy traffic, the only way its cache fills: a key-auth route caches credentials by
 *       key (hits and misses) and their consumers by id, two key-auth routes with {@code anonymous} set to a username
 *       cache {@code consumers:<username>} (hit or miss). B's whole key list ({@code GET /cache?prefix=}) is noted.</li>
 *   <li>The write goes to A's Admin API; the {@code event_log} rows it appended are read over JDBC and must be
 *       exactly the expected ones (one per entity, cascaded children included), written by A's node id (so B does
 *       not skip them), each implying (by the domain's rules, as every reader derives it) the cache keys of the
 *       README's table ({@link ExpectedInvalidation}: new and old keys) and the router / plugins version bumps.</li>
 *   <li>A barrier proves B has applied the write: B holds a cached miss {@code keyauth_credentials:barrier-N}; A then
 *       creates that key, and B purges it only when it applies that event, which the log orders after the write's.</li>
 *   <li>B's key list must then be exactly what it held minus the write's keys (and the barrier's): the keys B held
 *       that the write names answer {@code GET /cache/{key}} 404, every other key (controls: another consumer and
 *       its credential, an unknown key's miss, unrelated usernames) is still there.</li>
 * </ol>
 * Keys this test does not make B hold (services, routes, plugins, upstreams, targets, certificates, SNIs, CA
 * certificates, basic-auth, ACL, JWT and HMAC credentials; {@code KongAuthInvalidationsSpecIT} covers the auth ones
 * through B's proxy) are not in B's list, so for them
 * the log rows prove the keys and the controls prove nothing else went; the router and plugin bumps are also shown by
 * B's proxying (a changed upstream path, a moved route, a request-termination status).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterInvalidationIT {

    private static final Duration SOON = Duration.ofSeconds(3);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static EchoUpstream upstream;
    static NodeProcess a;
    static NodeProcess b;
    static Connection db;
    static String ws;
    static String nodeA;
    static int barriers;
    /** schema name → operations whose rows were checked, for the coverage test. */
    static final Map<String, Set<String>> VERIFIED = new TreeMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = TestCluster.start(dir);
        upstream = cluster.closing(new EchoUpstream());
        Map<String, String> settings = cluster.settings("db_update_frequency", "0.5", "db_cache_neg_ttl", "0");
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<NodeProcess> startingB = starter.submit(() -> cluster.node("b", settings));
        try {
            a = cluster.node("a", settings);
        } finally {
            b = startingB.get();
            starter.shutdown();
        }
        db = cluster.database().getConnection();
        try (ResultSet rs = db.createStatement().executeQuery("SELECT id FROM workspaces WHERE name = 'default'")) {
            assertThat(rs.next()).isTrue();
            ws = rs.getString(1);
        }
        nodeA = get(a.admin() + "/").json().get("node_id").asText();
        assertThat(get(b.admin() + "/").json().get("node_id").asText()).isNotEqualTo(nodeA);

        createdOnA(post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}"));
        createdOnA(post(a.admin() + "/services/echo/routes", "{\"name\":\"protected\",\"paths\":[\"/protected\"]}"));
        createdOnA(post(a.admin() + "/routes/protected/plugins", "{\"name\":\"key-auth\"}"));
        for (String anonymous : List.of("alice", "alicia")) {
            String route = "anon-" + anonymous;
            createdOnA(post(
                    a.admin() + "/services/echo/routes",
                    "{\"name\":\"" + route + "\",\"paths\":[\"/" + route + "\"]}"));
            createdOnA(post(
                    a.admin() + "/routes/" + route + "/plugins",
                    "{\"name\":\"key-auth\",\"config\":{\"anonymous\":\"" + anonymous + "\"}}"));
        }
        createdOnA(post(a.admin() + "/consumers", "{\"username\":\"carol\"}"));
        createdOnA(post(a.admin() + "/consumers/carol/key-auth", "{\"key\":\"carol-key\"}"));
        await(b.proxy() + "/anon-alicia", status(500), Duration.ofSeconds(5));
        await(b.proxy() + "/protected", status(200), SOON, "apikey", "carol-key");
        // B may have answered from the database before applying the setup's events; its next poll would then purge
        // carol's keys in the middle of a step. Wait until B has applied everything up to a barrier.
        String barrier = "setup-barrier";
        unknownOnB(barrier);
        createdOnA(post(a.admin() + "/consumers/carol/key-auth", "{\"key\":\"" + barrier + "\"}"));
        await(b.admin() + "/cache/" + keyAuth(barrier), status(404), SOON); // B applies the setup
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (db != null) {
            db.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void service_and_route_writes_log_their_keys_and_rebuild_bs_router() throws Exception {
        Step svc = write("PUT", "/services/svc", "{\"url\":\"" + upstream.url() + "/one\"}", 200);
        check(svc, Set.of(), created(ws, "services", svc.json()));
        Step rt = write("POST", "/services/svc/routes", "{\"name\":\"rt\",\"paths\":[\"/rt\"]}", 201);
        check(rt, Set.of(), created(ws, "routes", rt.json()));
        await(b.proxy() + "/rt/x", r -> r.status() == 200 && path(r).equals("/one/x"), SOON);

        Step url = write("PATCH", "/services/svc", "{\"url\":\"" + upstream.url() + "/two\"}", 200);
        check(url, Set.of(), ExpectedInvalidation.updated(ws, "services", svc.json(), url.json()));
        await(b.proxy() + "/rt/x", r -> r.status() == 200 && path(r).equals("/two/x"), SOON);

        Step moved = write("PATCH", "/routes/rt", "{\"paths\":[\"/rt2\"]}", 200);
        check(moved, Set.of(), ExpectedInvalidation.updated(ws, "routes", rt.json(), moved.json()));
        await(b.proxy() + "/rt2/x", status(200), SOON);
        await(b.proxy() + "/rt/x", status(404), SOON);

        Step refused = write("DELETE", "/services/svc", null, 400);
        check(refused, Set.of());
    }

    @Test
    @Order(2)
    void plugin_writes_log_old_and_new_scope_and_change_bs_plugins() throws Exception {
        Step onRoute = write(
                "POST",
                "/routes/rt/plugins",
                "{\"name\":\"request-termination\",\"config\":{\"status_code\":418}}",
                201);
        check(onRoute, Set.of(), created(ws, "plugins", onRoute.json()));
        await(b.proxy() + "/rt2/x", status(418), SOON);

        String id = onRoute.json().get("id").asText();
        Step rescoped = write(
                "PATCH",
                "/plugins/" + id,
                "{\"route\":null,\"service\":{\"name\":\"svc\"},\"config\":{\"status_code\":429}}",
                200);
        assertThat(rescoped.json().get("route").isNull()).isTrue();
        check(rescoped, Set.of(), ExpectedInvalidation.updated(ws, "plugins", onRoute.json(), rescoped.json()));
        await(b.proxy() + "/rt2/x", status(429), SOON);

        Step removed = write("DELETE", "/plugins/" + id, null, 204);
        check(removed, Set.of(), ExpectedInvalidation.deleted(ws, "plugins", rescoped.json()));
        await(b.proxy() + "/rt2/x", status(200), SOON);

        // Left in place for the cascades of order 5.
        Step onService = write(
                "POST",
                "/services/svc/plugins",
                "{\"name\":\"request-termination\",\"config\":{\"status_code\":403}}",
                201);
        check(onService, Set.of(), created(ws, "plugins", onService.json()));
        Step correlation = write("POST", "/routes/rt/plugins", "{\"name\":\"correlation-id\"}", 201);
        check(correlation, Set.of(), created(ws, "plugins", correlation.json()));
        await(b.proxy() + "/rt2/x", status(403), SOON);
    }

    @Test
    @Order(3)
    void consumer_and_key_auth_writes_purge_what_b_holds_and_nothing_else() throws Exception {
        Step alice = write("POST", "/consumers", "{\"username\":\"alice\"}", 201, "alice-key");
        String aliceId = alice.json().get("id").asText();
        check(alice, Set.of(consumers("alice")), created(ws, "consumers", alice.json()));
        await(b.proxy() + "/anon-alice", status(200), SOON);

        Step key = write("POST", "/consumers/alice/key-auth", "{\"key\":\"alice-key\"}", 201, "alice-key");
        check(key, Set.of(keyAuth("alice-key")), created(ws, "keyauth_credentials", key.json()));
        var authenticated = get(b.proxy() + "/protected", "apikey", "alice-key");
        assertThat(authenticated.status()).isEqualTo(200);
        assertThat(authenticated
                        .json()
                        .get("headers")
                        .get("x-consumer-username")
                        .asText())
                .isEqualTo("alice");

        String keyPath = "/key-auths/" + key.json().get("id").asText();
        Step rekeyed = write("PATCH", keyPath, "{\"key\":\"alice-key2\"}", 200, "alice-key", "alice-key2");
        check(
                rekeyed,
                Set.of(keyAuth("alice-key"), keyAuth("alice-key2")),
                ExpectedInvalidation.updated(ws, "keyauth_credentials", key.json(), rekeyed.json()));
        assertThat(rekeyed.after()).as("the consumer did not change").contains(consumers(aliceId));

        Step renamed = write("PATCH", "/consumers/alice", "{\"username\":\"alicia\"}", 200, "alice-key2");
        check(
                renamed,
                Set.of(consumers(aliceId), consumers("alice"), consumers("alicia")),
                ExpectedInvalidation.updated(ws, "consumers", alice.json(), renamed.json()));
        assertThat(renamed.after()).as("the credential did not change").contains(keyAuth("alice-key2"));
        await(b.proxy() + "/anon-alicia", status(200), SOON);
        assertThat(get(b.proxy() + "/anon-alice").status()).isEqualTo(500);

        Step unkeyed = write("DELETE", keyPath, null, 204, "alice-key2");
        check(
                unkeyed,
                Set.of(keyAuth("alice-key2")),
                ExpectedInvalidation.deleted(ws, "keyauth_credentials", rekeyed.json()));
        assertThat(unkeyed.after()).contains(consumers(aliceId));
        assertThat(get(b.proxy() + "/protected", "apikey", "alice-key2").status())
                .isEqualTo(401);

        Step dave = write("PUT", "/consumers/dave", "{\"custom_id\":\"d-1\"}", 200);
        check(dave, Set.of(), created(ws, "consumers", dave.json()));
        Step daveAgain = write("PUT", "/consumers/dave", "{\"custom_id\":\"d-2\"}", 200);
        check(daveAgain, Set.of(), ExpectedInvalidation.updated(ws, "consumers", dave.json(), daveAgain.json()));
    }

    @Test
    @Order(4)
    void credential_writes_and_the_consumer_cascade() throws Exception {
        crud(
                "basicauth_credentials",
                "/consumers/alicia/basic-auth",
                "{\"username\":\"ba-1\",\"password\":\"pw-1\"}",
                "/basic-auths/",
                "{\"username\":\"ba-2\"}");
        crud("jwt_secrets", "/consumers/alicia/jwt", "{\"key\":\"jwt-1\"}", "/jwts/", "{\"key\":\"jwt-2\"}");
        crud(
                "hmacauth_credentials",
                "/consumers/alicia/hmac-auth",
                "{\"username\":\"hm-1\"}",
                "/hmac-auths/",
                "{\"username\":\"hm-2\"}");
        String carol = get(a.admin() + "/consumers/carol").json().get("id").asText();
        // An ACL moved to another consumer purges the group lists of both consumers.
        crud(
                "acls",
                "/consumers/alicia/acls",
                "{\"group\":\"g-1\"}",
                "/acls/",
                "{\"group\":\"g-2\",\"consumer\":{\"id\":\"" + carol + "\"}}");

        for (String[] child : new String[][] {
            {"basic-auth", "{\"username\":\"ba-3\",\"password\":\"pw-3\"}"},
            {"jwt", "{\"key\":\"jwt-3\"}"},
            {"hmac-auth", "{\"username\":\"hm-3\"}"},
            {"acls", "{\"group\":\"g-3\"}"},
            {"key-auth", "{\"key\":\"alice-key3\"}"},
            {"plugins", "{\"name\":\"request-termination\",\"config\":{\"status_code\":451}}"}
        }) {
            createdOnA(post(a.admin() + "/consumers/alicia/" + child[0], child[1]));
        }
        JsonNode alicia = get(a.admin() + "/consumers/alicia").json();
        String aliceId = alicia.get("id").asText();
        List<ExpectedInvalidation> expected = new ArrayList<>();
        for (String[] nested : new String[][] {
            {"basic-auth", "basicauth_credentials"},
            {"jwt", "jwt_secrets"},
            {"hmac-auth", "hmacauth_credentials"},
            {"acls", "acls"},
            {"key-auth", "keyauth_credentials"},
            {"plugins", "plugins"}
        }) {
            JsonNode children =
                    get(a.admin() + "/consumers/alicia/" + nested[0]).json().get("data");
            assertThat(children).as(nested[0]).hasSize(1);
            expected.add(ExpectedInvalidation.deleted(ws, nested[1], children.get(0)));
        }
        expected.add(ExpectedInvalidation.deleted(ws, "consumers", alicia));

        Step gone = write("DELETE", "/consumers/alicia", null, 204, "alice-key3");
        check(
                gone,
                Set.of(consumers(aliceId), consumers("alicia"), keyAuth("alice-key3")),
                expected.toArray(ExpectedInvalidation[]::new));
        assertThat(get(b.proxy() + "/protected", "apikey", "alice-key3").status())
                .isEqualTo(401);
        assertThat(get(b.proxy() + "/anon-alicia").status()).isEqualTo(500);
    }

    @Test
    @Order(5)
    void route_and_service_deletes_cascade_to_their_plugins() throws Exception {
        JsonNode rt = get(a.admin() + "/routes/rt").json();
        JsonNode routePlugins = get(a.admin() + "/routes/rt/plugins").json().get("data");
        assertThat(routePlugins).hasSize(1);
        Step route = write("DELETE", "/routes/rt", null, 204);
        check(
                route,
                Set.of(),
                ExpectedInvalidation.deleted(ws, "plugins", routePlugins.get(0)),
                ExpectedInvalidation.deleted(ws, "routes", rt));
        await(b.proxy() + "/rt2/x", status(404), SOON);

        JsonNode svc = get(a.admin() + "/services/svc").json();
        JsonNode servicePlugins =
                get(a.admin() + "/services/svc/plugins").json().get("data");
        assertThat(servicePlugins).hasSize(1);
        Step service = write("DELETE", "/services/svc", null, 204);
        check(
                service,
                Set.of(),
                ExpectedInvalidation.deleted(ws, "plugins", servicePlugins.get(0)),
                ExpectedInvalidation.deleted(ws, "services", svc));
    }

    @Test
    @Order(6)
    void upstream_and_target_writes_and_the_upstream_cascade() throws Exception {
        Step up = write("POST", "/upstreams", "{\"name\":\"up\"}", 201);
        check(up, Set.of(), created(ws, "upstreams", up.json()));
        Step tagged = write("PATCH", "/upstreams/up", "{\"tags\":[\"t\"]}", 200);
        check(tagged, Set.of(), ExpectedInvalidation.updated(ws, "upstreams", up.json(), tagged.json()));
        crud(
                "targets",
                "/upstreams/up/targets",
                "{\"target\":\"10.0.0.1:80\"}",
                "/upstreams/up/targets/",
                "{\"target\":\"10.0.0.2:80\"}");

        JsonNode target = createdOnA(post(a.admin() + "/upstreams/up/targets", "{\"target\":\"10.0.0.3:80\"}"));
        Step gone = write("DELETE", "/upstreams/up", null, 204);
        check(
                gone,
                Set.of(),
                ExpectedInvalidation.deleted(ws, "targets", target),
                ExpectedInvalidation.deleted(ws, "upstreams", tagged.json()));
    }

    @Test
    @Order(7)
    void certificate_sni_and_ca_certificate_writes_and_the_certificate_cascade() throws Exception {
        ObjectNode body = Http.JSON.createObjectNode();
        body.put("cert", pem("rsa.crt"));
        body.put("key", pem("rsa.key"));
        body.putArray("snis").add("a.example.com");
        Step cert = write("POST", "/certificates", body.toString(), 201);
        String certId = cert.json().get("id").asText();
        JsonNode sniA = get(a.admin() + "/snis/a.example.com").json();
        check(cert, Set.of(), created(ws, "certificates", cert.json()), created(ws, "snis", sniA));

        Step renamed = write("PATCH", "/certificates/" + certId, "{\"snis\":[\"b.example.com\"]}", 200);
        JsonNode sniB = get(a.admin() + "/snis/b.example.com").json();
        check(
                renamed,
                Set.of(),
                ExpectedInvalidation.updated(ws, "certificates", cert.json(), renamed.json()),
                ExpectedInvalidation.deleted(ws, "snis", sniA),
                created(ws, "snis", sniB));

        crud(
                "snis",
                "/snis",
                "{\"name\":\"c.example.com\",\"certificate\":{\"id\":\"" + certId + "\"}}",
                "/snis/",
                "{\"name\":\"d.example.com\"}");

        Step gone = write("DELETE", "/certificates/" + certId, null, 204);
        check(
                gone,
                Set.of(),
                ExpectedInvalidation.deleted(ws, "snis", sniB),
                ExpectedInvalidation.deleted(ws, "certificates", renamed.json()));

        ObjectNode ca = Http.JSON.createObjectNode();
        ca.put("cert", pem("ca.crt"));
        crud("ca_certificates", "/ca_certificates", ca.toString(), "/ca_certificates/", "{\"tags\":[\"t\"]}");
        crud("key_sets", "/key-sets", "{\"name\":\"ks-1\"}", "/key-sets/", "{\"tags\":[\"t\"]}");
        crud(
                "keys",
                "/keys",
                "{\"name\":\"k-1\",\"kid\":\"k-1\",\"jwk\":"
                        + "\"{\\\"kty\\\":\\\"oct\\\",\\\"kid\\\":\\\"k-1\\\",\\\"k\\\":\\\"c2VjcmV0\\\"}\"}",
                "/keys/",
                "{\"tags\":[\"t\"]}");
        crud("vaults", "/vaults", "{\"prefix\":\"v-one\",\"name\":\"env\"}", "/vaults/", "{\"description\":\"d\"}");
    }

    @Test
    @Order(8)
    void every_schema_was_created_updated_and_deleted() {
        Map<String, Set<String>> expected = new TreeMap<>();
        for (EntitySchema schema : Schemas.ALL) {
            expected.put(schema.name(), Set.of("create", "update", "delete"));
        }
        assertThat(VERIFIED).isEqualTo(expected);
    }

    // ------------------------------------------------------------------------------------------------------------

    /** One write on A: its response, the event rows it appended, B's keys before it and after B applied it. */
    private record Step(
            Http.Response response, List<Logged> rows, Set<String> held, Set<String> after, String barrier) {
        JsonNode json() {
            return response.json();
        }
    }

    /**
     * Waits until B applied A's earlier writes, warms B (controls plus {@code apikeys} through the key-auth route),
     * notes B's keys, writes on A, reads the rows
     * the write appended, then waits on the barrier until B has applied them and notes B's keys again.
     */
    private static Step write(String method, String path, String body, int expectedStatus, String... apikeys)
            throws Exception {
        String barrier = "barrier-" + ++barriers;
        // B first applies everything A wrote so far (an earlier step's create could otherwise purge a key warmed below)
        String sync = "sync-" + barriers;
        unknownOnB(sync);
        createdOnA(post(a.admin() + "/consumers/carol/key-auth", "{\"key\":\"" + sync + "\"}"));
        await(b.admin() + "/cache/" + keyAuth(sync), status(404), SOON);
        unknownOnB(barrier);
        List<String> keys = new ArrayList<>(List.of("carol-key", "nobody"));
        keys.addAll(Arrays.asList(apikeys));
        for (String key : keys) {
            get(b.proxy() + "/protected", "apikey", key);
        }
        get(b.proxy() + "/anon-alice");
        get(b.proxy() + "/anon-alicia");
        Set<String> held = bKeys();
        assertThat(held).contains(keyAuth(barrier));

        long mark = lastEventId();
        Http.Response response = Http.send(method, a.admin() + path, body);
        assertThat(response.status())
                .as(method + " " + path + ": " + response.body())
                .isEqualTo(expectedStatus);
        List<Logged> rows = eventsAfter(mark);

        createdOnA(post(a.admin() + "/consumers/carol/key-auth", "{\"key\":\"" + barrier + "\"}"));
        await(b.admin() + "/cache/" + keyAuth(barrier), status(404), SOON); // B applies the barrier
        return new Step(response, rows, held, bKeys(), keyAuth(barrier));
    }

    /**
     * The write appended exactly {@code expected} (any order), all by A; B purged exactly their keys among those it
     * held, {@code mustPurge} among them, and kept every other key.
     */
    private static void check(Step step, Set<String> mustPurge, ExpectedInvalidation... expected) {
        for (Logged row : step.rows()) {
            assertThat(row.nodeId())
                    .as("written by A, so B does not skip it: %s", row)
                    .isEqualTo(nodeA);
            assertThat(new HashSet<>(row.cacheKeys()))
                    .as("no duplicate keys: %s", row)
                    .hasSameSizeAs(row.cacheKeys());
        }
        assertThat(step.rows().stream().map(Logged::asExpected).toList()).containsExactlyInAnyOrder(expected);

        Set<String> named =
                Arrays.stream(expected).flatMap(e -> e.cacheKeys().stream()).collect(Collectors.toSet());
        assertThat(named).containsAll(mustPurge);
        assertThat(step.held()).as("B held these before the write").containsAll(mustPurge);
        Set<String> kept = new TreeSet<>(step.held());
        kept.removeAll(named);
        kept.remove(step.barrier());
        assertThat(new TreeSet<>(step.after()))
                .as("B's keys after it applied the write")
                .isEqualTo(kept);
        for (String key : step.held()) {
            if (named.contains(key)) {
                assertThat(get(b.admin() + "/cache/" + key).status()).as(key).isEqualTo(404);
            }
        }
        for (ExpectedInvalidation e : expected) {
            VERIFIED.computeIfAbsent(e.schema(), s -> new TreeSet<>()).add(e.operation());
        }
    }

    /** Create (POST), update (PATCH) and delete of one entity, each a checked {@link #write}. */
    private static void crud(String schema, String collection, String createBody, String itemPrefix, String patch)
            throws Exception {
        Step create = write("POST", collection, createBody, 201);
        check(create, Set.of(), created(ws, schema, create.json()));
        String item = itemPrefix + create.json().get("id").asText();
        Step update = write("PATCH", item, patch, 200);
        check(update, Set.of(), ExpectedInvalidation.updated(ws, schema, create.json(), update.json()));
        Step delete = write("DELETE", item, null, 204);
        check(delete, Set.of(), ExpectedInvalidation.deleted(ws, schema, update.json()));
    }

    /**
     * Asks B's key-auth route for {@code key}, which no consumer has yet: B must look it up and answer Kong's 401, so
     * it then holds the key's cached miss (the barrier a later write of that key purges).
     */
    private static void unknownOnB(String key) {
        Http.Response response = get(b.proxy() + "/protected", "apikey", key);
        assertThat(response.status())
                .as("B looked up the unknown key %s: %s", key, response.body())
                .isEqualTo(401);
    }

    private static Set<String> bKeys() {
        Set<String> keys = new LinkedHashSet<>();
        get(b.admin() + "/cache?prefix=").json().get("data").forEach(k -> keys.add(k.asText()));
        return keys;
    }

    private static long lastEventId() throws SQLException {
        return LoggedRows.lastEventId(db);
    }

    private static List<Logged> eventsAfter(long mark) throws SQLException {
        return LoggedRows.entityEventsAfter(db, mark, ws);
    }

    private static JsonNode createdOnA(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json();
    }

    private static String path(Http.Response response) {
        return response.json().get("path").asText();
    }

    private static String consumers(String idOrUsername) {
        return ExpectedInvalidation.key(ws, "consumers", idOrUsername);
    }

    private static String keyAuth(String key) {
        return ExpectedInvalidation.key(ws, "keyauth_credentials", key);
    }
}
