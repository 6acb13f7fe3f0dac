package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.Http.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.adapter.cache.redis.RedisServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong 3.x's deprecated flat {@code redis_*} fields of rate-limiting and response-ratelimiting through the Admin API
 * of a real node, with a real {@code redis-server}: they set the {@code redis} record, Kong's Admin API shows them
 * again beside it, a PATCH of either form moves both, values at odds are refused in Kong's words, and the node counts
 * in the Redis server the flat fields named.
 */
class RedisShorthandsIT {

    static final Duration PROPAGATION = Duration.ofSeconds(20);

    @TempDir
    static Path dir;

    static RedisServerProcess redis;

    @RegisterExtension
    static final EchoNode node = EchoNode.withEchoService("shorthands", Map.of());

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start(dir.resolve("redis"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (redis != null) {
            redis.close();
        }
    }

    static Http.Response created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response;
    }

    @Test
    void flat_redis_fields_configure_the_redis_policy_and_are_shown_beside_the_record() throws Exception {
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> 3600 - Instant.now().getEpochSecond() % 3600 > 60);
        String route = created(
                        post(node.admin() + "/services/echo/routes", "{\"name\":\"flat\",\"paths\":[\"/flat\"]}"))
                .json()
                .path("id")
                .asText();
        JsonNode plugin = created(post(
                        node.admin() + "/routes/flat/plugins",
                        "{\"name\":\"rate-limiting\",\"config\":{\"hour\":2,\"policy\":\"redis\","
                                + "\"redis_host\":\"127.0.0.1\",\"redis_port\":" + redis.port()
                                + ",\"redis_timeout\":1500,\"redis_database\":0}}"))
                .json();
        JsonNode config = plugin.path("config");
        assertThat(config.path("redis").path("host").asText()).isEqualTo("127.0.0.1");
        assertThat(config.path("redis").path("port").asInt()).isEqualTo(redis.port());
        assertThat(config.path("redis").path("timeout").asInt()).isEqualTo(1500);
        assertThat(config.path("redis_host").asText()).isEqualTo("127.0.0.1");
        assertThat(config.path("redis_port").asInt()).isEqualTo(redis.port());
        assertThat(config.path("redis_timeout").asInt()).isEqualTo(1500);
        assertThat(config.path("redis_ssl").asBoolean(true)).isFalse();
        assertThat(config.has("redis_password")).isTrue();
        assertThat(config.path("redis_password").isNull()).isTrue();

        String id = plugin.path("id").asText();
        JsonNode read = Http.get(node.admin() + "/plugins/" + id).json().path("config");
        assertThat(read.path("redis_host").asText()).isEqualTo("127.0.0.1");
        assertThat(read.path("redis").path("port").asInt()).isEqualTo(redis.port());

        Http.await(node.proxy() + "/flat", Http.status(200), PROPAGATION);
        assertThat(Http.get(node.proxy() + "/flat").status()).isEqualTo(200);
        assertThat(Http.get(node.proxy() + "/flat").status()).isEqualTo(429);
        long hourStart = Instant.now().truncatedTo(ChronoUnit.HOURS).toEpochMilli();
        assertThat(redis.get(
                        0,
                        "ratelimit:" + route + ":00000000-0000-0000-0000-000000000000:127.0.0.1:" + hourStart
                                + ":hour"))
                .as("counted in the Redis server redis_host and redis_port name")
                .isEqualTo("2");
    }

    @Test
    void a_patch_of_either_form_moves_both_and_values_at_odds_are_refused() {
        created(post(node.admin() + "/services/echo/routes", "{\"name\":\"patched\",\"paths\":[\"/patched\"]}"));
        String id = created(post(
                        node.admin() + "/routes/patched/plugins",
                        "{\"name\":\"response-ratelimiting\",\"config\":{\"limits\":{\"video\":{\"minute\":5}},"
                                + "\"redis_host\":\"a.example\"}}"))
                .json()
                .path("id")
                .asText();

        JsonNode flat = Http.send(
                        "PATCH", node.admin() + "/plugins/" + id, "{\"config\":{\"redis_host\":\"b.example\"}}")
                .json()
                .path("config");
        assertThat(flat.path("redis").path("host").asText()).isEqualTo("b.example");
        assertThat(flat.path("redis_host").asText()).isEqualTo("b.example");

        Http.Response nested = Http.send(
                "PATCH", node.admin() + "/plugins/" + id, "{\"config\":{\"redis\":{\"host\":\"c.example\"}}}");
        assertThat(nested.status()).as(nested.body()).isEqualTo(200);
        assertThat(nested.json().path("config").path("redis_host").asText()).isEqualTo("c.example");

        Http.Response odds = Http.send(
                "PATCH",
                node.admin() + "/plugins/" + id,
                "{\"config\":{\"redis_port\":6380,\"redis\":{\"port\":6381}}}");
        assertThat(odds.status()).as(odds.body()).isEqualTo(400);
        assertThat(odds.json().path("fields").path("config").path("redis_port").asText())
                .isEqualTo("both deprecated and new field are used but their values mismatch:"
                        + " redis_port = 6380 vs redis.port = 6381");
        assertThat(odds.json().path("name").asText()).isEqualTo("schema violation");
        assertThat(Http.get(node.admin() + "/plugins/" + id)
                        .json()
                        .path("config")
                        .path("redis")
                        .path("port")
                        .asInt())
                .as("nothing written")
                .isEqualTo(6379);
    }
}
