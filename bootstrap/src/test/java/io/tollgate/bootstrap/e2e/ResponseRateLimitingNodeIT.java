package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.tollgate.adapter.cache.redis.RedisServerProcess;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's response-ratelimiting spec ({@code spec/03-plugins/24-response-rate-limiting/04-access_spec.lua}) on one
 * real node and a real upstream that reports each request's cost in {@code X-Kong-Limit} (taken from the request's
 * {@code units} query argument) and answers with the {@code X-RateLimit-Remaining-video} header it received. Hour
 * windows, after waiting for room in the hour, so a count never straddles a boundary. Its {@code /big} sends 8 MiB
 * chunked, to show the plugin's routes stream (Kong's {@code header_filter}/{@code body_filter}, no buffering); its
 * {@code /endless} an event stream that never ends, to show a refused response does not wait for the upstream's end.
 */
class ResponseRateLimitingNodeIT {

    @TempDir
    static Path dir;

    static HttpServer upstream;
    static NodeProcess node;
    static RedisServerProcess redis;

    @BeforeAll
    static void start() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && query.startsWith("units=")) {
                exchange.getResponseHeaders()
                        .add("X-Kong-Limit", URLDecoder.decode(query.substring(6), StandardCharsets.UTF_8));
            }
            String remaining = exchange.getRequestHeaders().getFirst("X-RateLimit-Remaining-video");
            byte[] body = ("remaining-video=" + remaining).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        upstream.createContext("/big", ResponseRateLimitingNodeIT::big);
        upstream.createContext("/endless", ResponseRateLimitingNodeIT::endless);
        upstream.setExecutor(Executors.newFixedThreadPool(4));
        upstream.start();
        redis = RedisServerProcess.start(dir.resolve("redis"));
        node = NodeProcess.start("response-ratelimit", dir, Map.of());
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/services",
                "{\"name\":\"costly\",\"url\":\"http://127.0.0.1:"
                        + upstream.getAddress().getPort() + "\"}"));
    }

    @AfterAll
    static void stop() throws Exception {
        endlessStop.countDown();
        if (node != null) {
            node.close();
        }
        if (upstream != null) {
            upstream.stop(0);
        }
        if (redis != null) {
            redis.close();
        }
    }

    static RawHttp.Response get(String host, String units) throws Exception {
        String target =
                units == null ? "/" : "/?units=" + units.replace(" ", "%20").replace(",", "%2C");
        return request("GET", host, target).send(node.proxyPort);
    }

    static void route(String host) {
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/services/costly/routes", "{\"name\":\"" + host + "\",\"hosts\":[\"" + host + "\"]}"));
    }

    @Test
    void the_upstreams_units_are_counted_reported_and_enforced_with_an_empty_429() throws Exception {
        RateLimitingNodeIT.awaitRoomInTheHour();
        route("video.test");
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/routes/video.test/plugins",
                "{\"name\":\"response-ratelimiting\",\"config\":{\"limits\":{\"video\":{\"hour\":5},"
                        + "\"image\":{\"minute\":100,\"hour\":100}}}}"));

        RawHttp.Response first = get("video.test", "video=2, image=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).as("the upstream saw the remaining units").isEqualTo("remaining-video=5");
        assertThat(first.header("X-Kong-Limit"))
                .as("removed from the client's response")
                .isNull();
        assertThat(first.header("X-RateLimit-Limit-video-hour")).isEqualTo("5");
        assertThat(first.header("X-RateLimit-Remaining-video-hour")).isEqualTo("3");
        assertThat(first.header("X-RateLimit-Remaining-image-minute")).isEqualTo("99");

        RawHttp.Response second = get("video.test", "video=3");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEqualTo("remaining-video=3");
        assertThat(second.header("X-RateLimit-Remaining-video-hour")).isEqualTo("0");

        RawHttp.Response free = get("video.test", null);
        assertThat(free.status()).as("a response without units passes").isEqualTo(200);
        assertThat(free.body()).isEqualTo("remaining-video=0");

        RawHttp.Response refused = get("video.test", "video=1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.body()).isEmpty();
        assertThat(refused.header("X-RateLimit-Remaining-video-hour")).isEqualTo("0");
        assertThat(refused.header("X-Kong-Limit")).isNull();
    }

    @Test
    void a_services_instance_on_the_cluster_policy_counts_its_routes_together() throws Exception {
        RateLimitingNodeIT.awaitRoomInTheHour();
        RateLimitingNodeIT.created(
                Http.post(node.admin() + "/services", "{\"name\":\"shared\",\"url\":\"" + upstreamUrl() + "\"}"));
        for (String host : new String[] {"one.test", "two.test"}) {
            RateLimitingNodeIT.created(Http.post(
                    node.admin() + "/services/shared/routes",
                    "{\"name\":\"" + host + "\",\"hosts\":[\"" + host + "\"]}"));
        }
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/services/shared/plugins",
                "{\"name\":\"response-ratelimiting\",\"config\":{\"policy\":\"cluster\","
                        + "\"block_on_first_violation\":true,\"limits\":{\"video\":{\"hour\":4}}}}"));
        assertThat(get("one.test", "video=2").status()).isEqualTo(200);
        RawHttp.Response other = get("two.test", "video=2");
        assertThat(other.status()).isEqualTo(200);
        assertThat(other.body()).as("the other route's units count").isEqualTo("remaining-video=2");
        RawHttp.Response blocked = get("one.test", "video=1");
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.body()).contains("API rate limit exceeded for 'video'");
    }

    @Test
    void the_redis_policy_counts_the_units_in_redis() throws Exception {
        RateLimitingNodeIT.awaitRoomInTheHour();
        route("redis.test");
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/routes/redis.test/plugins",
                "{\"name\":\"response-ratelimiting\",\"config\":{\"policy\":\"redis\",\"fault_tolerant\":false,"
                        + "\"redis\":{\"host\":\"127.0.0.1\",\"port\":" + redis.port() + "},"
                        + "\"limits\":{\"video\":{\"hour\":3}}}}"));
        assertThat(get("redis.test", "video=3").status()).isEqualTo(200);
        RawHttp.Response refused = get("redis.test", "video=1");
        assertThat(refused.status())
                .as("this node's view holds its own units at once")
                .isEqualTo(429);
        // written to Redis by the 100 ms batch, under Kong's key with the period named <limit>_<period>
        String routeId =
                Http.get(node.admin() + "/routes/redis.test").json().path("id").asText();
        long hourStart = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .toEpochMilli();
        String key =
                "ratelimit:" + routeId + ":00000000-0000-0000-0000-000000000000:127.0.0.1:" + hourStart + ":video_hour";
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> "3".equals(redis.get(0, key)));
    }

    static final int BLOCK = 64 * 1024;
    static final int BLOCKS = 128; // 8 MiB
    static final int BEFORE_RELEASE = 16; // 1 MiB sent, then the upstream waits for the test
    static final CountDownLatch release = new CountDownLatch(1);
    static final AtomicInteger bigFinished = new AtomicInteger();

    /**
     * 8 MiB, chunked, with the request's {@code units}: the first MiB, then (the first time) nothing more until the
     * test {@linkplain #release releases} it.
     */
    static void big(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        exchange.getResponseHeaders()
                .add("X-Kong-Limit", URLDecoder.decode(query.substring(6), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            byte[] block = new byte[BLOCK];
            for (int i = 0; i < BLOCKS; i++) {
                if (i == BEFORE_RELEASE) {
                    out.flush();
                    release.await(60, TimeUnit.SECONDS);
                }
                for (int b = 0; b < BLOCK; b++) {
                    block[b] = (byte) ((i * BLOCK + b) % 251);
                }
                out.write(block);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        bigFinished.incrementAndGet();
    }

    @Test
    void a_large_body_streams_to_the_client_while_the_upstream_sends_it_and_a_refused_one_is_dropped()
            throws Exception {
        RateLimitingNodeIT.awaitRoomInTheHour();
        route("big.test");
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/routes/big.test/plugins",
                "{\"name\":\"response-ratelimiting\",\"config\":{\"limits\":{\"video\":{\"hour\":1}}}}"));
        RawStream streamed = RawStream.get(node.proxyPort, "big.test", "/big?units=video%3D1");
        try {
            // the upstream holds 7 of its 8 MiB until the client has seen part of the first one (a buffering proxy
            // would send nothing before the end, so this never happens and the wait times out)
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> streamed.received() > 256 * 1024);
            assertThat(bigFinished.get()).as("the upstream is still sending").isZero();
        } finally {
            release.countDown();
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(streamed::done);
        streamed.close();
        RawStream.Response whole = streamed.response();
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.header("X-RateLimit-Remaining-video-hour")).isEqualTo("0");
        assertThat(whole.header("X-Kong-Limit")).isNull();
        assertThat(whole.body()).hasSize(BLOCK * BLOCKS);
        for (int i = 0; i < whole.body().length; i += 4099) {
            assertThat(whole.body()[i]).as("byte %d", i).isEqualTo((byte) (i % 251));
        }

        try (RawStream refused = RawStream.get(node.proxyPort, "big.test", "/big?units=video%3D1")) {
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(refused::done);
            RawStream.Response answer = refused.response();
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.header("Content-Length"))
                    .as("Kong's exit in header_filter")
                    .isEqualTo("0");
            assertThat(answer.header("Transfer-Encoding")).isNull();
            assertThat(answer.header("Content-Type"))
                    .as("the upstream's headers are kept")
                    .isEqualTo("application/octet-stream");
            assertThat(answer.header("X-RateLimit-Remaining-video-hour")).isEqualTo("0");
            assertThat(answer.body()).isEmpty();
        }
    }

    static final CountDownLatch endlessStop = new CountDownLatch(1);
    /** Event streams of {@code /endless} whose connection the proxy closed while the upstream was sending. */
    static final AtomicInteger endlessCut = new AtomicInteger();

    /**
     * An event stream with the request's {@code units} that never ends: an event every 20 ms until its connection is
     * closed (counted in {@link #endlessCut}) or the tests are over.
     */
    static void endless(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        exchange.getResponseHeaders()
                .add("X-Kong-Limit", URLDecoder.decode(query.substring(6), StandardCharsets.UTF_8));
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            do {
                out.write("data: tick\n\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } while (!endlessStop.await(20, TimeUnit.MILLISECONDS));
        } catch (IOException closed) {
            endlessCut.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void a_refused_stream_that_never_ends_gets_its_429_at_once_and_its_upstream_connection_is_closed()
            throws Exception {
        RateLimitingNodeIT.awaitRoomInTheHour();
        route("stream.test");
        Path logFile = dir.resolve("stream-log.json");
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/routes/stream.test/plugins",
                "{\"name\":\"response-ratelimiting\",\"config\":{\"limits\":{\"video\":{\"hour\":1}}}}"));
        RateLimitingNodeIT.created(Http.post(
                node.admin() + "/routes/stream.test/plugins",
                "{\"name\":\"file-log\",\"config\":{\"path\":" + Http.JSON.writeValueAsString(logFile.toString())
                        + "}}"));
        assertThat(get("stream.test", "video=1").status())
                .as("uses up the hour")
                .isEqualTo(200);

        long sent;
        try (RawStream refused = RawStream.get(node.proxyPort, "stream.test", "/endless?units=video%3D1")) {
            // waiting for the upstream's end would never finish: the 429 must come right after the head
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(5))
                    .until(refused::done);
            RawStream.Response answer = refused.response();
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.header("Content-Length")).isEqualTo("0");
            assertThat(answer.header("Transfer-Encoding")).isNull();
            assertThat(answer.header("Content-Type"))
                    .as("the upstream's headers are kept")
                    .isEqualTo("text/event-stream");
            assertThat(answer.header("X-RateLimit-Remaining-video-hour")).isEqualTo("0");
            assertThat(answer.header("X-Kong-Limit")).isNull();
            assertThat(answer.body()).isEmpty();
            sent = refused.received();
        }
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .alias("the node closed the upstream connection it would never read to its end")
                .until(() -> endlessCut.get() == 1);

        RawHttp.Response free = get("stream.test", null);
        assertThat(free.status()).as("the same route still answers").isEqualTo(200);
        assertThat(free.body()).isEqualTo("remaining-video=0");
        route("after.test");
        assertThat(get("after.test", null).status()).as("another route too").isEqualTo(200);

        // the log phase ran once, with what the client got: 429 and its head's bytes, none of the upstream's stream
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .ignoreExceptions() // a line file-log is still writing
                .untilAsserted(() -> {
                    assertThat(logged(logFile, "/")).as("the later request").hasSize(1);
                    assertThat(logged(logFile, "/endless?units=video%3D1")).hasSize(1);
                });
        JsonNode entry = logged(logFile, "/endless?units=video%3D1").get(0);
        assertThat(entry.path("response").path("status").asInt()).isEqualTo(429);
        assertThat(entry.path("upstream_status").asText()).isEqualTo("200");
        assertThat(entry.path("response").path("size").asLong())
                .as("bytes sent: the head only")
                .isEqualTo(sent);
    }

    /** The file-log entries of requests to {@code uri} (path and query). */
    static List<JsonNode> logged(Path file, String uri) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode entry = Http.JSON.readTree(line);
            if (uri.equals(entry.path("request").path("uri").asText())) {
                entries.add(entry);
            }
        }
        return entries;
    }

    static String upstreamUrl() {
        return "http://127.0.0.1:" + upstream.getAddress().getPort();
    }
}
