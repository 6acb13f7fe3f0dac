package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each bundled plugin's configuration on a two-node cluster (one PostgreSQL, {@code db_update_frequency = 1}): an
 * instance created through A's Admin API applies on A as soon as the write answered and on B after its poll; a
 * {@code PATCH} of its config likewise. One route per plugin, a real upstream that echoes the request.
 */
class PluginsClusterIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;

    /**
     * One plugin's story.
     *
     * @param plugin the plugin's name
     * @param config the instance's config at creation (JSON object)
     * @param patched the config after the PATCH
     * @param request sends the probe request to a node's proxy base URL (e.g. {@code http://127.0.0.1:8000/c-x})
     * @param first whether a response shows {@code config}
     * @param second whether a response shows {@code patched} (and not {@code config})
     */
    record Case(
            String plugin,
            String config,
            String patched,
            Function<String, Http.Response> request,
            Predicate<Http.Response> first,
            Predicate<Http.Response> second) {

        String path() {
            return "/c-" + plugin;
        }

        @Override
        public String toString() {
            return plugin;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(
                        "key-auth",
                        "{\"key_names\":[\"apikey\"]}",
                        "{\"key_names\":[\"token\"]}",
                        url -> Http.get(url, "apikey", "cluster-key"),
                        r -> "cluster".equals(echoed(r, "x-consumer-username")),
                        r -> r.status() == 401),
                new Case(
                        "request-termination",
                        "{\"status_code\":403}",
                        "{\"status_code\":418,\"message\":\"teapot\"}",
                        Http::get,
                        r -> r.status() == 403,
                        r -> r.status() == 418 && r.body().contains("teapot")),
                new Case(
                        "correlation-id",
                        "{\"header_name\":\"X-First-Id\"}",
                        "{\"header_name\":\"X-Second-Id\",\"echo_downstream\":true}",
                        Http::get,
                        r -> r.status() == 200 && echoed(r, "x-first-id") != null,
                        r -> r.status() == 200 && echoed(r, "x-second-id") != null && r.header("X-Second-Id") != null),
                new Case(
                        "request-transformer",
                        "{\"add\":{\"headers\":[\"x-version:1\"]}}",
                        "{\"add\":{\"headers\":[\"x-version:2\"]}}",
                        Http::get,
                        r -> "1".equals(echoed(r, "x-version")),
                        r -> "2".equals(echoed(r, "x-version"))),
                new Case(
                        "response-transformer",
                        "{\"add\":{\"headers\":[\"x-version:1\"]}}",
                        "{\"add\":{\"headers\":[\"x-version:2\"]}}",
                        Http::get,
                        r -> "1".equals(r.header("x-version")),
                        r -> "2".equals(r.header("x-version"))),
                new Case(
                        "ip-restriction",
                        "{\"deny\":[\"127.0.0.2\"]}",
                        "{\"deny\":[\"127.0.0.1\"]}",
                        Http::get,
                        r -> r.status() == 200,
                        r -> r.status() == 403 && r.body().contains("IP address not allowed")),
                new Case(
                        "request-size-limiting",
                        "{\"allowed_payload_size\":1,\"size_unit\":\"kilobytes\"}",
                        "{\"size_unit\":\"bytes\"}",
                        url -> Http.send("POST", url, "{\"size\":\"seventeen\"}"),
                        r -> r.status() == 200,
                        r -> r.status() == 413),
                new Case(
                        "cors",
                        "{\"origins\":[\"http://one.test\"]}",
                        "{\"origins\":[\"http://two.test\"]}",
                        Http::get,
                        r -> "http://one.test".equals(r.header("Access-Control-Allow-Origin")),
                        r -> "http://two.test".equals(r.header("Access-Control-Allow-Origin"))),
                new Case(
                        "bot-detection",
                        "{\"deny\":[\"Nobody\"]}",
                        "{\"deny\":[\"HelloWorld\"]}",
                        url -> Http.get(url, "User-Agent", "HelloWorld"),
                        r -> r.status() == 200,
                        r -> r.status() == 403),
                new Case(
                        "redirect",
                        "{\"location\":\"https://one.example\"}",
                        "{\"location\":\"https://two.example\"}",
                        Http::get,
                        r -> r.status() == 301 && "https://one.example".equals(r.header("Location")),
                        r -> r.status() == 301 && "https://two.example".equals(r.header("Location"))),
                new Case(
                        "basic-auth",
                        "{\"hide_credentials\":false}",
                        "{\"hide_credentials\":true}",
                        url -> Http.get(url, "Authorization", BASIC),
                        r -> "cluster".equals(echoed(r, "x-consumer-username")) && echoed(r, "authorization") != null,
                        r -> "cluster".equals(echoed(r, "x-consumer-username")) && echoed(r, "authorization") == null),
                new Case(
                        "acl",
                        "{\"allow\":[\"gold\"]}",
                        "{\"allow\":[\"silver\"]}",
                        url -> Http.get(url, "apikey", "cluster-key"),
                        r -> "gold".equals(echoed(r, "x-consumer-groups")),
                        r -> r.status() == 403),
                new Case(
                        "hmac-auth",
                        "{\"algorithms\":[\"hmac-sha256\"]}",
                        "{\"algorithms\":[\"hmac-sha512\"]}",
                        PluginsClusterIT::hmacSigned,
                        r -> "cluster".equals(echoed(r, "x-consumer-username")),
                        r -> r.status() == 401),
                new Case(
                        "jwt",
                        "{}",
                        "{\"claims_to_verify\":[\"exp\"]}",
                        url -> Http.get(url, "Authorization", "Bearer " + JWT),
                        r -> "cluster".equals(echoed(r, "x-consumer-username")),
                        r -> r.status() == 401));
    }

    private static final String BASIC =
            "Basic " + Base64.getEncoder().encodeToString("cluster-user:cluster-pass".getBytes(StandardCharsets.UTF_8));

    /** An HS256 token for the cluster consumer's jwt credential, without {@code exp}. */
    private static final String JWT = jwt();

    /** Plugins a case's route needs before the one under test (acl needs an authenticated consumer). */
    private static final Map<String, List<String>> BEFORE = Map.of("acl", List.of("{\"name\":\"key-auth\"}"));

    private static String jwt() {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String head = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "."
                + b64.encodeToString("{\"iss\":\"cluster-jwt-key\"}".getBytes(StandardCharsets.UTF_8));
        return head + "." + b64.encodeToString(hmac("HmacSHA256", "cluster-jwt-secret", head));
    }

    /** A request signed as Kong's hmac-auth expects: {@code date} header, hmac-sha256. */
    private static Http.Response hmacSigned(String url) {
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC));
        String signature =
                Base64.getEncoder().encodeToString(hmac("HmacSHA256", "cluster-hmac-secret", "date: " + date));
        return Http.get(
                url,
                "Date",
                date,
                "Authorization",
                "hmac username=\"cluster-hmac\", algorithm=\"hmac-sha256\", headers=\"date\", signature=\"" + signature
                        + "\"");
    }

    private static byte[] hmac(String algorithm, String secret, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String echoed(Http.Response response, String header) {
        if (response.status() != 200) {
            return null;
        }
        return response.json().path("headers").path(header).textValue();
    }

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        EchoUpstream upstream = cluster.closing(new EchoUpstream());
        Map<String, String> db = cluster.settings("db_update_frequency", "1", "db_cache_neg_ttl", "0");
        a = cluster.node("a", db);
        b = cluster.node("b", db);
        created(post(a.admin() + "/services", "{\"name\":\"echo\",\"url\":\"" + upstream.url() + "\"}"));
        created(post(a.admin() + "/consumers", "{\"username\":\"cluster\"}"));
        created(post(a.admin() + "/consumers/cluster/key-auth", "{\"key\":\"cluster-key\"}"));
        created(post(
                a.admin() + "/consumers/cluster/basic-auth",
                "{\"username\":\"cluster-user\",\"password\":\"cluster-pass\"}"));
        created(post(a.admin() + "/consumers/cluster/acls", "{\"group\":\"gold\"}"));
        created(post(
                a.admin() + "/consumers/cluster/hmac-auth",
                "{\"username\":\"cluster-hmac\",\"secret\":\"cluster-hmac-secret\"}"));
        created(post(
                a.admin() + "/consumers/cluster/jwt",
                "{\"key\":\"cluster-jwt-key\",\"secret\":\"cluster-jwt-secret\"}"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static void created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void a_plugin_config_applies_on_a_at_once_and_on_b_after_its_poll(Case c) {
        String route = c.plugin() + "-route";
        created(post(
                a.admin() + "/services/echo/routes", "{\"name\":\"" + route + "\",\"paths\":[\"" + c.path() + "\"]}"));
        for (String plugin : BEFORE.getOrDefault(c.plugin(), List.of())) {
            created(post(a.admin() + "/routes/" + route + "/plugins", plugin));
        }
        Http.await(b.proxy() + c.path(), r -> r.status() != 404, PROPAGATION);

        Http.Response instance = post(
                a.admin() + "/routes/" + route + "/plugins",
                "{\"name\":\"" + c.plugin() + "\",\"config\":" + c.config() + "}");
        created(instance);
        Http.Response onA = c.request().apply(a.proxy() + c.path());
        assertThat(c.first())
                .as("A applies the new instance before answering: %s", onA.body())
                .accepts(onA);
        awaitOn(b, c, c.first());

        String id = instance.json().path("id").asText();
        Http.Response patched = Http.send("PATCH", a.admin() + "/plugins/" + id, "{\"config\":" + c.patched() + "}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        Http.Response afterPatch = c.request().apply(a.proxy() + c.path());
        assertThat(c.second())
                .as("A applies the PATCH before answering: %s", afterPatch.body())
                .accepts(afterPatch);
        awaitOn(b, c, c.second());
    }

    private static void awaitOn(NodeProcess node, Case c, Predicate<Http.Response> expected) {
        Awaitility.await()
                .atMost(PROPAGATION)
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    Http.Response r = c.request().apply(node.proxy() + c.path());
                    assertThat(expected).as("B: %s %s", r.status(), r.body()).accepts(r);
                });
    }
}
