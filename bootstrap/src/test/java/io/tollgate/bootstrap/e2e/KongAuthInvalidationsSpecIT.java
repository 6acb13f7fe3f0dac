package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.ok;
import static io.tollgate.bootstrap.e2e.KongSpecClient.texts;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's invalidation specs of the authentication plugins, all 12 of their cases, against TWO real nodes on one
 * database ({@code db_update_frequency = 0.2}):
 * <ul>
 *   <li>{@code spec/03-plugins/09-key-auth/03-invalidations_spec.lua} (3 cases),</li>
 *   <li>{@code spec/03-plugins/10-basic-auth/04-invalidations_spec.lua} (3 cases),</li>
 *   <li>{@code spec/03-plugins/18-acl/03-invalidations_spec.lua} (3 cases),</li>
 *   <li>{@code spec/03-plugins/19-hmac-auth/04-invalidations_spec.lua} (3 cases).</li>
 * </ul>
 * Kong runs each case on one node; here the cache is filled and checked, and the proxy asked, on node B while every
 * Admin API write goes to node A, so B learns each change only from the event log: the stronger test of the
 * invalidation. Kong's fixed names (consumer {@code bob}, key {@code kong}, host {@code key-auth.com}, …) become
 * per-test unique ones, and Kong's shared {@code lazy_setup} state (basic-auth, hmac-auth) is set up by each test for
 * itself. Before a test fills B's cache, B is brought up to date with the setup (see {@link #awaitBApplied()}), so
 * that a setup event applied late cannot empty the cache mid-test. The statuses are those of Kong 3.x's revisions of
 * the specs (401 for a credential that is gone, the ACL plugin's {@code allow}).
 */
class KongAuthInvalidationsSpecIT {

    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static KongMockUpstream mock;
    static NodeProcess a;
    static NodeProcess b;
    static KongSpecClient adminA;
    static KongSpecClient adminB;
    static String service;
    static String ws;
    static String barrierHost;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        mock = cluster.closing(new KongMockUpstream());
        Map<String, String> settings = cluster.settings("db_update_frequency", "0.2", "db_cache_neg_ttl", "0");
        ExecutorService starter = Executors.newSingleThreadExecutor();
        Future<NodeProcess> startingB = starter.submit(() -> cluster.node("inv-b", settings));
        try {
            a = cluster.node("inv-a", settings);
        } finally {
            b = startingB.get();
            starter.shutdown();
        }
        adminA = new KongSpecClient(a.admin());
        adminB = new KongSpecClient(b.admin());
        service = id(adminA.create("/services", body("name", "mock", "url", mock.url())));
        adminA.create("/consumers", body("username", "barrier-owner"));
        barrierHost = route("barrier.test", "key-auth", body());
        RawHttp.await(() -> proxy(b, "GET", barrierHost, "/", "apikey", "none").status() == 401, SOON);
        String probe = unique("probe");
        assertThat(proxy(b, "GET", barrierHost, "/", "apikey", probe).status()).isEqualTo(401);
        List<String> held = texts(ok(adminB.get("/cache?prefix=keyauth_credentials:" + probe + ":"), 200)
                .get("data"));
        assertThat(held).hasSize(1);
        ws = held.get(0).substring(held.get(0).lastIndexOf(':') + 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    // ------------------------------------------------------------------------ helpers

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** A route for {@code host} to the mock upstream with the plugin {@code name}; returns the host. */
    private static String route(String host, String name, Map<String, Object> config) {
        routeWith(host, name, config);
        return host;
    }

    /** A route for {@code host} to the mock upstream with the plugin {@code name}; returns the route's id. */
    private static String routeWith(String host, String name, Map<String, Object> config) {
        String route = id(adminA.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
        adminA.create("/plugins", body("name", name, "route", Map.of("id", route), "config", config));
        return route;
    }

    /** A request to {@code node}'s proxy for {@code host}, with header name/value pairs. */
    private static RawHttp.Response proxy(NodeProcess node, String method, String host, String target, String... h)
            throws IOException {
        RawHttp.Request request = RawHttp.request(method, host, target);
        for (int i = 0; i < h.length; i += 2) {
            request.header(h[i], h[i + 1]);
        }
        if (method.equals("POST")) {
            request.body("{}");
        }
        return request.send(node.proxyPort);
    }

    private static void status(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }

    /** The cache key Kong's {@code cache_key(value)} gives an entity of {@code schema} in the default workspace. */
    private static String cacheKey(String schema, String value) {
        return ExpectedInvalidation.key(ws, schema, value);
    }

    /** B's {@code GET /cache/{key}}: asserts the status and returns the body. */
    private static JsonNode cachedOnB(String key) {
        return ok(adminB.get("/cache/" + key), 200);
    }

    /** Waits until B's {@code GET /cache/{key}} answers 404: B has applied A's write. */
    private static void awaitInvalidatedOnB(String key) {
        Awaitility.await()
                .atMost(SOON)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(
                        () -> assertThat(adminB.get("/cache/" + key).status()).isEqualTo(404));
    }

    /**
     * Brings B up to date with every write made on A so far: B caches a miss for a fresh key, A creates that key,
     * and B drops the miss only when it applies that event, which the log orders after every earlier write.
     */
    private static void awaitBApplied() throws IOException {
        String key = unique("barrier");
        status(proxy(b, "GET", barrierHost, "/", "apikey", key), 401);
        String prefix = "/cache?prefix=keyauth_credentials:" + key + ":";
        assertThat(texts(ok(adminB.get(prefix), 200).get("data"))).hasSize(1);
        adminA.create("/consumers/barrier-owner/key-auth", body("key", key));
        Awaitility.await()
                .atMost(SOON)
                .pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(
                                texts(ok(adminB.get(prefix), 200).get("data")))
                        .isEmpty());
    }

    private static void write(Http.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
    }

    private static Http.Response patch(String path, Map<String, Object> body) {
        return adminA.send("PATCH", path, KongSpecClient.ContentType.JSON, body);
    }

    // ------------------------------------------------------------------------ key-auth

    /** key-auth setup: a route (its host) with key-auth, a consumer and its key. */
    private record KeyAuthSetup(String host, String consumer, String key) {}

    /** Creates a {@link KeyAuthSetup} on A and waits until B has it. */
    private static KeyAuthSetup keyAuthSetup() throws IOException {
        String host = route(unique("key-auth") + ".test", "key-auth", body());
        String consumer = unique("bob");
        adminA.create("/consumers", body("username", consumer));
        String key = unique("kong");
        adminA.create("/consumers/" + consumer + "/key-auth", body("key", key));
        awaitBApplied();
        return new KeyAuthSetup(host, consumer, key);
    }

    /** 09-key-auth/03-invalidations_spec: "invalidates credentials when the Consumer is deleted". */
    @Test
    void key_auth_invalidates_credentials_when_the_consumer_is_deleted() throws IOException {
        KeyAuthSetup s = keyAuthSetup();
        status(proxy(b, "GET", s.host(), "/", "apikey", s.key()), 200);
        String cacheKey = cacheKey("keyauth_credentials", s.key());
        cachedOnB(cacheKey);

        write(adminA.delete("/consumers/" + s.consumer()), 204);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host(), "/", "apikey", s.key()), 401);
    }

    /** 09-key-auth/03-invalidations_spec: "invalidates credentials from cache when deleted". */
    @Test
    void key_auth_invalidates_credentials_from_cache_when_deleted() throws IOException {
        KeyAuthSetup s = keyAuthSetup();
        status(proxy(b, "GET", s.host(), "/", "apikey", s.key()), 200);
        String cacheKey = cacheKey("keyauth_credentials", s.key());
        JsonNode credential = cachedOnB(cacheKey);

        write(adminA.delete("/consumers/" + s.consumer() + "/key-auth/" + id(credential)), 204);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host(), "/", "apikey", s.key()), 401);
    }

    /** 09-key-auth/03-invalidations_spec: "invalidated credentials from cache when updated". */
    @Test
    void key_auth_invalidated_credentials_from_cache_when_updated() throws IOException {
        KeyAuthSetup s = keyAuthSetup();
        status(proxy(b, "GET", s.host(), "/", "apikey", s.key()), 200);
        String cacheKey = cacheKey("keyauth_credentials", s.key());
        JsonNode credential = cachedOnB(cacheKey);

        String updated = s.key() + "-updated";
        write(patch("/consumers/" + s.consumer() + "/key-auth/" + id(credential), body("key", updated)), 200);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host(), "/", "apikey", s.key()), 401);
        status(proxy(b, "GET", s.host(), "/", "apikey", updated), 200);
    }

    // ------------------------------------------------------------------------ basic-auth

    private static String basic(String username, String password) {
        return "Basic "
                + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** basic-auth setup: a route with basic-auth, a consumer and its credential (password kong). */
    private record BasicAuthSetup(String host, String user) {}

    /** Creates a {@link BasicAuthSetup} on A and waits until B has it. */
    private static BasicAuthSetup basicAuthSetup() throws IOException {
        String host = route(unique("basic-auth") + ".test", "basic-auth", body());
        String user = unique("bob");
        adminA.create("/consumers", body("username", user));
        adminA.create("/consumers/" + user + "/basic-auth", body("username", user, "password", "kong"));
        awaitBApplied();
        return new BasicAuthSetup(host, user);
    }

    /** 10-basic-auth/04-invalidations_spec: "#invalidates credentials when the Consumer is deleted". */
    @Test
    void basic_auth_invalidates_credentials_when_the_consumer_is_deleted() throws IOException {
        BasicAuthSetup s = basicAuthSetup();
        status(proxy(b, "GET", s.host(), "/", "Authorization", basic(s.user(), "kong")), 200);
        String cacheKey = cacheKey("basicauth_credentials", s.user());
        cachedOnB(cacheKey);

        write(adminA.delete("/consumers/" + s.user()), 204);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host(), "/", "Authorization", basic(s.user(), "kong")), 401);
    }

    /** 10-basic-auth/04-invalidations_spec: "invalidates credentials from cache when deleted". */
    @Test
    void basic_auth_invalidates_credentials_from_cache_when_deleted() throws IOException {
        BasicAuthSetup s = basicAuthSetup();
        status(proxy(b, "GET", s.host(), "/", "Authorization", basic(s.user(), "kong")), 200);
        String cacheKey = cacheKey("basicauth_credentials", s.user());
        JsonNode credential = cachedOnB(cacheKey);

        write(adminA.delete("/consumers/" + s.user() + "/basic-auth/" + id(credential)), 204);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host(), "/", "Authorization", basic(s.user(), "kong")), 401);
    }

    /** 10-basic-auth/04-invalidations_spec: "invalidated credentials from cache when updated". */
    @Test
    void basic_auth_invalidated_credentials_from_cache_when_updated() throws IOException {
        BasicAuthSetup s = basicAuthSetup();
        status(proxy(b, "GET", s.host(), "/", "Authorization", basic(s.user(), "kong")), 200);
        String cacheKey = cacheKey("basicauth_credentials", s.user());
        JsonNode credential = cachedOnB(cacheKey);

        write(
                patch(
                        "/consumers/" + s.user() + "/basic-auth/" + id(credential),
                        body("username", s.user(), "password", "kong-updated")),
                200);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host(), "/", "Authorization", basic(s.user(), "kong")), 401);
        status(proxy(b, "GET", s.host(), "/", "Authorization", basic(s.user(), "kong-updated")), 200);
    }

    // ------------------------------------------------------------------------ acl

    /**
     * ACL setup: consumer1 (a key, groups admin and pro), consumer2 (a key, group admin), a route with key-auth and
     * acl allowing admin ({@code host1}), another allowing ya ({@code host2}); {@code adminAcl} is consumer1's
     * admin ACL.
     */
    private record AclSetup(
            String consumerId, String consumer, String key, String host1, String host2, String adminAcl) {}

    /** Creates an {@link AclSetup} on A and waits until B has it. */
    private static AclSetup aclSetup() throws IOException {
        String consumer1 = unique("consumer1");
        String consumerId = id(adminA.create("/consumers", body("username", consumer1)));
        String key = unique("apikey123");
        adminA.create("/consumers/" + consumer1 + "/key-auth", body("key", key));
        String acl = id(adminA.create("/consumers/" + consumer1 + "/acls", body("group", "admin")));
        adminA.create("/consumers/" + consumer1 + "/acls", body("group", "pro"));
        String consumer2 = unique("consumer2");
        adminA.create("/consumers", body("username", consumer2));
        adminA.create("/consumers/" + consumer2 + "/key-auth", body("key", unique("apikey124")));
        adminA.create("/consumers/" + consumer2 + "/acls", body("group", "admin"));
        String host1 = aclRoute(unique("acl1") + ".test", "admin");
        String host2 = aclRoute(unique("acl2") + ".test", "ya");
        awaitBApplied();
        return new AclSetup(consumerId, consumer1, key, host1, host2, acl);
    }

    /** A route for {@code host} with key-auth and acl allowing {@code allowed}; returns the host. */
    private static String aclRoute(String host, String allowed) {
        String route = routeWith(host, "key-auth", body());
        adminA.create(
                "/plugins",
                body("name", "acl", "route", Map.of("id", route), "config", body("allow", List.of(allowed))));
        return host;
    }

    /** 18-acl/03-invalidations_spec: "ACL entity invalidation should invalidate when ACL entity is deleted". */
    @Test
    void acl_should_invalidate_when_acl_entity_is_deleted() throws IOException {
        AclSetup s = aclSetup();
        status(proxy(b, "GET", s.host1(), "/status/200?apikey=" + s.key()), 200);
        String cacheKey = cacheKey("acls", s.consumerId());
        assertThat(cachedOnB(cacheKey).isArray()).isTrue();

        write(adminA.delete("/consumers/" + s.consumer() + "/acls/" + s.adminAcl()), 204);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host1(), "/status/200?apikey=" + s.key()), 403);
    }

    /** 18-acl/03-invalidations_spec: "ACL entity invalidation should invalidate when ACL entity is updated". */
    @Test
    void acl_should_invalidate_when_acl_entity_is_updated() throws IOException {
        AclSetup s = aclSetup();
        status(proxy(b, "GET", s.host1(), "/status/200?apikey=" + s.key() + "&prova=scemo"), 200);
        status(proxy(b, "GET", s.host2(), "/status/200?apikey=" + s.key()), 403);
        String cacheKey = cacheKey("acls", s.consumerId());
        assertThat(cachedOnB(cacheKey).isArray()).isTrue();

        write(patch("/consumers/" + s.consumer() + "/acls/" + s.adminAcl(), body("group", "ya")), 200);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host1(), "/status/200?apikey=" + s.key()), 403);
        status(proxy(b, "GET", s.host2(), "/status/200?apikey=" + s.key()), 200);
    }

    /**
     * 18-acl/03-invalidations_spec: "Consumer entity invalidation should invalidate when Consumer entity is deleted".
     */
    @Test
    void acl_should_invalidate_when_consumer_entity_is_deleted() throws IOException {
        AclSetup s = aclSetup();
        status(proxy(b, "GET", s.host1(), "/status/200?apikey=" + s.key()), 200);
        String cacheKey = cacheKey("acls", s.consumerId());
        assertThat(cachedOnB(cacheKey).isArray()).isTrue();

        write(adminA.delete("/consumers/" + s.consumer()), 204);

        awaitInvalidatedOnB(cacheKey);
        awaitInvalidatedOnB(cacheKey("keyauth_credentials", s.key()));
        status(proxy(b, "GET", s.host1(), "/status/200?apikey=" + s.key()), 401);
    }

    // ------------------------------------------------------------------------ hmac-auth

    /** Kong's {@code get_authorization(username)}: date-only hmac-sha1 under secret {@code secret}, stray quote. */
    private static String[] hmac(String username) {
        String date = KongHmacAuthSpecSupport.now();
        String authorization = "\"hmac username=\"" + username + "\",algorithm=\"hmac-sha1\",headers=\"date\","
                + "signature=\"" + KongHmacAuthSpecSupport.sha1("date: " + date) + "\"";
        return new String[] {"date", date, "authorization", authorization};
    }

    /** hmac-auth setup: a route with hmac-auth (clock_skew 3000) and a consumer without credential. */
    private record HmacSetup(String host, String consumer) {}

    /** Creates a {@link HmacSetup} on A. */
    private static HmacSetup hmacSetup() {
        String host = route(unique("hmacauth") + ".test", "hmac-auth", body("clock_skew", 3000));
        String consumer = unique("consumer1");
        adminA.create("/consumers", body("username", consumer, "custom_id", unique("1234")));
        return new HmacSetup(host, consumer);
    }

    /**
     * 19-hmac-auth/04-invalidations_spec: "HMAC Auth Credentials entity invalidation should invalidate when Hmac Auth
     * Credential entity is deleted".
     */
    @Test
    void hmac_auth_should_invalidate_when_hmac_auth_credential_entity_is_deleted() throws IOException {
        HmacSetup s = hmacSetup();
        String bob = unique("bob");
        String created = id(
                adminA.create("/consumers/" + s.consumer() + "/hmac-auth", body("username", bob, "secret", "secret")));
        awaitBApplied();
        status(proxy(b, "GET", s.host(), "/requests", hmac(bob)), 200);
        String cacheKey = cacheKey("hmacauth_credentials", bob);
        cachedOnB(cacheKey);

        JsonNode listed = ok(adminA.get("/consumers/" + s.consumer() + "/hmac-auth/"), 200);
        String credentialId = listed.get("data").get(0).get("id").asText();
        assertThat(credentialId).isEqualTo(created);

        write(adminA.delete("/consumers/" + s.consumer() + "/hmac-auth/" + credentialId), 204);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "POST", s.host(), "/", hmac(bob)), 401);
    }

    /**
     * 19-hmac-auth/04-invalidations_spec: "HMAC Auth Credentials entity invalidation should invalidate when Hmac Auth
     * Credential entity is updated".
     */
    @Test
    void hmac_auth_should_invalidate_when_hmac_auth_credential_entity_is_updated() throws IOException {
        HmacSetup s = hmacSetup();
        String bob = unique("bob");
        String hello = unique("hello123");
        String consumerId = id(ok(adminA.get("/consumers/" + s.consumer()), 200));
        JsonNode credential = ok(
                adminA.send(
                        "POST",
                        "/consumers/" + s.consumer() + "/hmac-auth/",
                        KongSpecClient.ContentType.JSON,
                        body("username", bob, "secret", "secret", "consumer", Map.of("id", consumerId))),
                201);
        awaitBApplied();
        status(proxy(b, "GET", s.host(), "/requests", hmac(bob)), 200);
        status(proxy(b, "GET", s.host(), "/requests", hmac(hello)), 401);

        write(patch("/consumers/" + s.consumer() + "/hmac-auth/" + id(credential), body("username", hello)), 200);

        awaitInvalidatedOnB(cacheKey("hmacauth_credentials", bob));
        status(proxy(b, "GET", s.host(), "/", hmac(hello)), 200);
    }

    /**
     * 19-hmac-auth/04-invalidations_spec: "Consumer entity invalidation should invalidate when Consumer entity is
     * deleted". Kong's last request signs as a username whose credential an earlier case removed; here it signs as
     * the deleted consumer's own credential, which must be refused too.
     */
    @Test
    void hmac_auth_should_invalidate_when_consumer_entity_is_deleted() throws IOException {
        HmacSetup s = hmacSetup();
        String hello = unique("hello123");
        adminA.create("/consumers/" + s.consumer() + "/hmac-auth", body("username", hello, "secret", "secret"));
        awaitBApplied();
        status(proxy(b, "GET", s.host(), "/requests", hmac(hello)), 200);
        String cacheKey = cacheKey("hmacauth_credentials", hello);
        cachedOnB(cacheKey);

        write(adminA.delete("/consumers/" + s.consumer()), 204);

        awaitInvalidatedOnB(cacheKey);
        status(proxy(b, "GET", s.host(), "/", hmac(hello)), 401);
    }
}
