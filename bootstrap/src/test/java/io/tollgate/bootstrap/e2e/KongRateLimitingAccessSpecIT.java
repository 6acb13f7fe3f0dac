package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapter.cache.redis.RedisServerProcess;
import io.tollgate.bootstrap.e2e.RedisTlsNode.Setup;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's {@code spec/03-plugins/23-rate-limiting/04-access_spec.lua} (its 3.x revision: one service, route and
 * plugin per case, the cases looped over the policies, the {@code limit_by} choices and, for {@code redis}, three
 * TLS setups): rate-limiting on the proxy path against one real node proxying to {@link KongMockUpstream}, with a
 * real {@code redis-server} (plain and TLS, its certificate signed by a test CA the node trusts) for the
 * {@code redis} policy. The cases Kong runs per policy (and Redis TLS setup) are parameterized by {@link Policy}.
 *
 * <p>Of the spec's 91 cases (17 per policy and Redis TLS setup, 2 fault-tolerance cases each for {@code cluster} and
 * {@code redis}, 1 {@code sync_rate} case, 1 global case), 86 are ported: 84 here, the 2 {@code cluster}
 * fault-tolerance cases (which break the node's database) in {@link KongRateLimitingFaultTolerancySpecIT}; the 5 gRPC
 * cases have no counterpart.
 *
 * <p>Kong's windows are aligned to the wall clock and Kong retries a case once when a minute ended during it; here
 * each burst starts, after waiting if needed, at least 15 seconds before the minute ends.
 */
class KongRateLimitingAccessSpecIT {

    /** Kong's policies, {@code redis} once per TLS setup of the spec ({@code no_ssl}, {@code ssl_verify}, …). */
    enum Policy {
        LOCAL("local", Setup.NO_SSL),
        CLUSTER("cluster", Setup.NO_SSL),
        REDIS("redis", Setup.NO_SSL),
        REDIS_SSL_VERIFY("redis", Setup.SSL_VERIFY),
        REDIS_SSL_NO_VERIFY("redis", Setup.SSL_NO_VERIFY);

        final String kong;

        /** The Redis setup of the {@code redis} record (the plain one where the policy does not read it). */
        final Setup setup;

        Policy(String kong, Setup setup) {
            this.kong = kong;
            this.setup = setup;
        }
    }

    static final String EXCEEDED = "API rate limit exceeded";

    @TempDir
    static Path dir;

    static RedisTlsNode fixture;
    static RedisServerProcess redis;
    static KongMockUpstream mock;
    static NodeProcess node;
    static KongSpecClient client;

    @BeforeAll
    static void start() throws Exception {
        fixture = RedisTlsNode.start("kong-rate-limiting-access", dir, Map.of("trusted_ips", "0.0.0.0/0,::/0"));
        redis = fixture.redis();
        node = fixture.node();
        mock = fixture.mock();
        client = fixture.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    // ------------------------------------------------------------------------ helpers

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** A service on the mock upstream. */
    private static String service() {
        return id(client.create("/services", body("name", unique("rl"), "url", mock.url())));
    }

    /** A route of {@code service} on {@code path}. */
    private static void route(String service, String path) {
        client.create("/routes", body("paths", List.of(path), "service", Map.of("id", service)));
    }

    /** A path unique to the test. */
    private static String path() {
        return "/" + unique("rl") + "-test";
    }

    /** Kong's {@code redis} record of the spec for {@code policy}. */
    private static Map<String, Object> redisConf(Policy policy) {
        return fixture.redisRecord(policy.setup, "host", "127.0.0.1", "password", "", "database", 1);
    }

    /** A rate-limiting config: {@code fields} plus the policy and its {@code redis} record. */
    private static Map<String, Object> conf(Policy policy, Object... fields) {
        Map<String, Object> conf = body(fields);
        conf.put("policy", policy.kong);
        conf.put("redis", redisConf(policy));
        return conf;
    }

    /** A plugin on {@code service} (or global when {@code null}); returns its id. */
    private static String plugin(@Nullable String service, String name, Map<String, Object> config) {
        Map<String, Object> plugin = body("name", name, "config", config);
        if (service != null) {
            plugin.put("service", Map.of("id", service));
        }
        return id(client.create("/plugins", plugin));
    }

    private static void delete(String plugin) {
        assertThat(client.delete("/plugins/" + plugin).status()).isEqualTo(204);
    }

    /** A consumer with a key-auth credential {@code key}. */
    private static void consumer(String key) {
        String username = unique("rl-consumer");
        client.create("/consumers", body("username", username));
        client.create("/consumers/" + username + "/key-auth", body("key", key));
    }

    /** A proxy GET with {@code headers} as name/value pairs. */
    private static RawHttp.Response get(String path, String... headers) throws IOException {
        RawHttp.Request request = RawHttp.request("GET", "127.0.0.1:" + node.proxyPort, path);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /**
     * Waits, if the current minute ends within 15 seconds, for the next one: a burst then counts in one window (Kong
     * retries a case once instead).
     */
    private static void freshMinute() {
        Awaitility.await()
                .atMost(Duration.ofSeconds(70))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> Instant.now().getEpochSecond() % 60 < 45);
    }

    /** A request of a burst. */
    @FunctionalInterface
    interface Request {
        RawHttp.Response send() throws IOException;
    }

    /** The headers and statuses of a burst of requests, in order (absent headers as {@code null}). */
    record Burst(
            List<@Nullable Integer> minuteLimit,
            List<@Nullable Integer> minuteRemaining,
            List<@Nullable Integer> hourLimit,
            List<@Nullable Integer> hourRemaining,
            List<@Nullable Integer> limit,
            List<@Nullable Integer> remaining,
            List<Integer> status,
            List<@Nullable Integer> reset,
            List<RawHttp.Response> responses) {}

    private static @Nullable Integer number(RawHttp.Response response, String header) {
        String value = response.header(header);
        return value == null ? null : Integer.valueOf(value);
    }

    /** Kong's {@code client_requests}: {@code n} requests in a row. */
    private static Burst requests(int n, Request request) throws IOException {
        Burst burst = new Burst(
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>(),
                new ArrayList<>());
        for (int i = 0; i < n; i++) {
            RawHttp.Response r = request.send();
            burst.responses().add(r);
            burst.status().add(r.status());
            burst.reset().add(number(r, "RateLimit-Reset"));
            burst.minuteLimit().add(number(r, "X-RateLimit-Limit-Minute"));
            burst.minuteRemaining().add(number(r, "X-RateLimit-Remaining-Minute"));
            burst.hourLimit().add(number(r, "X-RateLimit-Limit-Hour"));
            burst.hourRemaining().add(number(r, "X-RateLimit-Remaining-Hour"));
            burst.limit().add(number(r, "RateLimit-Limit"));
            burst.remaining().add(number(r, "RateLimit-Remaining"));
        }
        return burst;
    }

    /**
     * Kong's {@code validate_headers} of a burst of 7 against a limit of 6 a minute (and, with {@code hour}, a
     * larger one an hour); the refused request also carries {@code Retry-After} and Kong's message (as the spec's
     * earlier revision checks).
     */
    private static void validate(Burst burst, boolean minute, boolean hour) {
        if (minute) {
            assertThat(burst.minuteLimit()).containsExactly(6, 6, 6, 6, 6, 6, 6);
            assertThat(burst.minuteRemaining()).containsExactly(5, 4, 3, 2, 1, 0, 0);
        }
        if (hour) {
            assertThat(burst.hourLimit()).allSatisfy(v -> assertThat(v).isPositive());
            assertThat(burst.hourRemaining()).allSatisfy(v -> assertThat(v).isNotNegative());
        }
        assertThat(burst.limit()).containsExactly(6, 6, 6, 6, 6, 6, 6);
        assertThat(burst.remaining()).containsExactly(5, 4, 3, 2, 1, 0, 0);
        assertThat(burst.status()).containsExactly(200, 200, 200, 200, 200, 200, 429);
        int bound = hour ? 3600 : 60;
        assertThat(burst.reset()).allSatisfy(v -> assertThat(v).isBetween(0, bound));
        RawHttp.Response refused = burst.responses().getLast();
        assertThat(refused.json().path("message").asText()).isEqualTo(EXCEEDED);
        assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60);
    }

    private static void noRateLimitHeaders(RawHttp.Response r) {
        for (String header : List.of(
                "X-RateLimit-Limit-Minute",
                "X-RateLimit-Remaining-Minute",
                "RateLimit-Limit",
                "RateLimit-Remaining",
                "RateLimit-Reset")) {
            assertThat(r.header(header)).as(header).isNull();
        }
    }

    /** A loopback port nothing listens on. */
    private static int deadPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    // ------------------------------------------------------------------------ single limit_by

    /** The single-identity case for {@code limitBy}: a service with a route on its own path and the plugin. */
    private static void single(Policy policy, String limitBy) throws IOException {
        String path = path();
        String header = "test-header";
        String keyName = "test-key";
        String key = unique("test_credential");
        String service = service();
        route(service, path);
        plugin(
                service,
                "rate-limiting",
                conf(policy, "minute", 6, "limit_by", limitBy, "path", path, "header_name", header));
        boolean auth = limitBy.equals("consumer") || limitBy.equals("credential");
        if (auth) {
            plugin(service, "key-auth", body("key_names", List.of(keyName)));
            consumer(key);
        }
        freshMinute();
        validate(
                requests(7, () -> switch (limitBy) {
                    case "header" -> get(path, header, "test");
                    case "consumer", "credential" -> get(path, keyName, key);
                    default -> get(path);
                }),
                true,
                false);
    }

    /** 04-access_spec [policy]: "blocks if exceeding limit (single ip)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_single_ip(Policy policy) throws IOException {
        single(policy, "ip");
    }

    /** 04-access_spec [policy]: "blocks if exceeding limit (single consumer)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_single_consumer(Policy policy) throws IOException {
        single(policy, "consumer");
    }

    /** 04-access_spec [policy]: "blocks if exceeding limit (single credential)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_single_credential(Policy policy) throws IOException {
        single(policy, "credential");
    }

    /** 04-access_spec [policy]: "blocks if exceeding limit (single service)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_single_service(Policy policy) throws IOException {
        single(policy, "service");
    }

    /**
     * 04-access_spec [policy]: "blocks if exceeding limit (single header)" (the spec means the request to carry the
     * header; as written its table puts it beside, not in, the request's headers: sent here).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_single_header(Policy policy) throws IOException {
        single(policy, "header");
    }

    /** 04-access_spec [policy]: "blocks if exceeding limit (single path)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_single_path(Policy policy) throws IOException {
        single(policy, "path");
    }

    // ------------------------------------------------------------------------ limit_by ip

    /** 04-access_spec [policy] [limit_by: ip]: "blocks if exceeding limit (multiple ip)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_multiple_ip(Policy policy) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(service, "rate-limiting", conf(policy, "minute", 6, "limit_by", "ip"));
        freshMinute();
        for (String ip : List.of("127.0.0.1", "127.0.0.2")) {
            validate(requests(7, () -> get(path, "X-Real-IP", ip)), true, false);
        }
    }

    /** 04-access_spec [policy] [limit_by: ip]: "hide_client_headers (single ip)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void hide_client_headers_single_ip(Policy policy) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(service, "rate-limiting", conf(policy, "minute", 6, "limit_by", "ip", "hide_client_headers", true));
        RawHttp.Response r = get(path);
        assertThat(r.status()).isEqualTo(200);
        noRateLimitHeaders(r);
        assertThat(r.header("Retry-After")).isNull();
    }

    /** 04-access_spec [policy] [limit_by: ip]: "handles multiple limits (single ip)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void handles_multiple_limits_single_ip(Policy policy) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(
                service,
                "rate-limiting",
                conf(policy, "minute", 6, "hour", 99999, "limit_by", "ip", "path", path, "header_name", "test-header"));
        freshMinute();
        validate(requests(7, () -> get(path)), true, true);
    }

    /**
     * 04-access_spec [policy] [limit_by: ip]: "expire counter" (a limit of 1 a second: the second request of a second
     * is refused, and a later one is admitted again; the pair is tried again when a second ended between them).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void expire_counter(Policy policy) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(service, "rate-limiting", conf(policy, "second", 1, "limit_by", "ip"));
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    RawHttp.Response first = get(path, "X-Real-IP", "127.0.0.3");
                    assertThat(first.status()).isEqualTo(200);
                    assertThat(number(first, "RateLimit-Limit")).isEqualTo(1);
                    assertThat(number(first, "RateLimit-Remaining")).isEqualTo(0);
                    assertThat(number(first, "RateLimit-Reset")).isNotNegative();
                    assertThat(number(first, "X-RateLimit-Limit-Second")).isEqualTo(1);
                    assertThat(number(first, "X-RateLimit-Remaining-Second")).isEqualTo(0);
                    RawHttp.Response second = get(path, "X-Real-IP", "127.0.0.3");
                    assertThat(second.status()).isEqualTo(429);
                    assertThat(second.json().path("message").asText()).contains(EXCEEDED);
                });
        Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> get(path, "X-Real-IP", "127.0.0.3").status() == 200);
    }

    /** 04-access_spec [policy] [limit_by: ip]: "blocks with a custom error code and message". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_with_a_custom_error_code_and_message(Policy policy) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(
                service,
                "rate-limiting",
                conf(
                        policy,
                        "minute",
                        1,
                        "limit_by",
                        "ip",
                        "path",
                        path,
                        "error_code",
                        404,
                        "error_message",
                        "Fake Not Found"));
        freshMinute();
        assertThat(get(path).status()).isEqualTo(200);
        RawHttp.Response r = get(path);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("message").asText()).contains("Fake Not Found");
    }

    // ------------------------------------------------------------------------ multiple identities

    /** 04-access_spec [policy] [limit_by: service]: "blocks if exceeding limit (multiple service)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_multiple_service(Policy policy) throws IOException {
        String path1 = path();
        String path2 = path();
        route(service(), path1);
        route(service(), path2);
        String global = plugin(null, "rate-limiting", conf(policy, "minute", 6, "limit_by", "service"));
        try {
            freshMinute();
            for (String path : List.of(path1, path2)) {
                validate(requests(7, () -> get(path)), true, false);
            }
        } finally {
            delete(global);
        }
    }

    /** 04-access_spec [policy] [limit_by: path]: "blocks if exceeding limit (multiple path)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_multiple_path(Policy policy) throws IOException {
        String path1 = path();
        String path2 = path();
        String service = service();
        route(service, path1);
        route(service, path2);
        plugin(service, "rate-limiting", conf(policy, "minute", 6, "limit_by", "path", "path", path1));
        freshMinute();
        for (String path : List.of(path1, path2)) {
            validate(requests(7, () -> get(path)), true, false);
        }
    }

    /** 04-access_spec [policy] [limit_by: header]: "blocks if exceeding limit (multiple header)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_multiple_header(Policy policy) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(
                service,
                "rate-limiting",
                conf(policy, "minute", 6, "limit_by", "header", "header_name", "test-header-1"));
        freshMinute();
        for (String header : List.of("test-header-1", "test-header-2")) {
            validate(requests(7, () -> get(path, header, "test")), true, false);
        }
    }

    /** Two consumers, each with a key, on a service with key-auth and the plugin limiting by {@code limitBy}. */
    private static void multipleAuthenticated(Policy policy, String limitBy) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(service, "rate-limiting", conf(policy, "minute", 6, "limit_by", limitBy));
        plugin(service, "key-auth", body("key_names", List.of("test-key")));
        String key1 = unique("test_credential_1");
        String key2 = unique("test_credential_2");
        consumer(key1);
        consumer(key2);
        freshMinute();
        for (String key : List.of(key1, key2)) {
            validate(requests(7, () -> get(path, "test-key", key)), true, false);
        }
    }

    /** 04-access_spec [policy] [limit_by: consumer]: "blocks if exceeding limit (multiple consumer)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_multiple_consumer(Policy policy) throws IOException {
        multipleAuthenticated(policy, "consumer");
    }

    /** 04-access_spec [policy] [limit_by: credential]: "blocks if exceeding limit (multiple credential)". */
    @ParameterizedTest(name = "{0}")
    @EnumSource(Policy.class)
    void blocks_if_exceeding_limit_multiple_credential(Policy policy) throws IOException {
        multipleAuthenticated(policy, "credential");
    }

    // ------------------------------------------------------------------------ fault tolerancy (redis)

    /** A service and route whose plugin's Redis is a port nothing listens on. */
    private static String unreachableRedis(boolean faultTolerant) throws IOException {
        String path = path();
        String service = service();
        route(service, path);
        plugin(
                service,
                "rate-limiting",
                body(
                        "minute",
                        6,
                        "policy",
                        "redis",
                        "limit_by",
                        "ip",
                        "redis",
                        body("host", "127.0.0.1", "port", deadPort(), "ssl", false),
                        "fault_tolerant",
                        faultTolerant));
        return path;
    }

    /** 04-access_spec fault tolerancy [policy: redis]: "does not work if an error occurs". */
    @Test
    void redis_does_not_work_if_an_error_occurs() throws IOException {
        RawHttp.Response r = get(unreachableRedis(false));
        assertThat(r.status()).as(r.body()).isEqualTo(500);
        assertThat(r.json().path("message").asText()).isEqualTo("An unexpected error occurred");
        noRateLimitHeaders(r);
    }

    /** 04-access_spec fault tolerancy [policy: redis]: "keeps working if an error occurs". */
    @Test
    void redis_keeps_working_if_an_error_occurs() throws IOException {
        RawHttp.Response r = get(unreachableRedis(true));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        noRateLimitHeaders(r);
    }

    // ------------------------------------------------------------------------ sync_rate (redis)

    /**
     * 04-access_spec with sync_rate [policy: redis]: "blocks if exceeding limit" (counted in memory, synced to Redis
     * every 10 seconds: nothing in Redis at first, refused locally past the limit, the counter in Redis after a sync,
     * admitted again once the minute ended).
     */
    @Test
    void sync_rate_blocks_if_exceeding_limit() throws IOException {
        assertThat(redis.command("FLUSHALL")).isEqualTo("+OK");
        String path = path();
        String service = service();
        route(service, path);
        plugin(
                service,
                "rate-limiting",
                body(
                        "minute",
                        6,
                        "policy",
                        "redis",
                        "limit_by",
                        "ip",
                        "redis",
                        body("host", "127.0.0.1", "port", redis.port(), "password", "", "database", 1, "ssl", false),
                        "sync_rate",
                        10));
        assertThat(redis.dbsize(1)).isZero();
        freshMinute();
        for (int i = 0; i <= 7; i++) {
            get(path);
        }
        assertThat(get(path).status()).isEqualTo(429);
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    get(path);
                    assertThat(redis.dbsize(1)).isEqualTo(1);
                });
        Awaitility.await()
                .atMost(Duration.ofSeconds(61))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(path).status() == 200);
    }

    // ------------------------------------------------------------------------ enable globally

    /** 04-access_spec enable globally: "global for single consumer". */
    @Test
    void global_for_single_consumer() throws IOException {
        String path1 = path();
        String path2 = path();
        route(service(), path1);
        route(service(), path2);
        String key = unique("test-credential");
        String keyAuth = plugin(null, "key-auth", body("key_names", List.of("test-key")));
        String limit = null;
        try {
            limit = plugin(null, "rate-limiting", conf(Policy.LOCAL, "minute", 6, "limit_by", "credential"));
            consumer(key);
            freshMinute();
            validate(requests(7, () -> get(path1, "test-key", key)), true, false);
            Burst other = requests(7, () -> get(path2, "test-key", key));
            assertThat(other.minuteLimit()).containsExactly(6, 6, 6, 6, 6, 6, 6);
            assertThat(other.minuteRemaining()).containsExactly(0, 0, 0, 0, 0, 0, 0);
            assertThat(other.limit()).containsExactly(6, 6, 6, 6, 6, 6, 6);
            assertThat(other.remaining()).containsExactly(0, 0, 0, 0, 0, 0, 0);
            assertThat(other.status())
                    .containsExactly(Collections.nCopies(7, 429).toArray(Integer[]::new));
            assertThat(other.reset()).allSatisfy(v -> assertThat(v).isBetween(0, 60));
        } finally {
            if (limit != null) {
                delete(limit);
            }
            delete(keyAuth);
        }
    }
}
