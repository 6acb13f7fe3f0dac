package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static io.tollgate.bootstrap.e2e.KongSpecClient.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/21-bot-detection/02-invalidations_spec.lua}: both of its cases, against one real node
 * proxying to {@link KongMockUpstream}. Kong's cases share one route and plugin (the second case's PATCH lands on the
 * first one's config); here each case patches a bot-detection instance (default config) on a route of its own, so the
 * cases are independent of each other and of their order.
 */
class KongBotDetectionInvalidationsSpecIT {

    private static final String SPEC = "02-invalidations_spec";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-bot-detection-invalidations", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = client.create("/services", body("name", "mock", "url", mock.url()))
                .get("id")
                .asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    /** A route on a fresh host with a default bot-detection instance: the host and the plugin's id. */
    private record Bot(String host, String plugin) {}

    private static Bot bot() {
        String host = unique("bot") + ".test";
        JsonNode route = client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service)));
        JsonNode plugin = client.create(
                "/plugins",
                body(
                        "name",
                        "bot-detection",
                        "config",
                        Map.of(),
                        "route",
                        Map.of("id", route.get("id").asText())));
        return new Bot(host, plugin.get("id").asText());
    }

    private static int status(Bot bot, String userAgent) throws IOException {
        return RawHttp.request("GET", bot.host, "/request")
                .header("User-Agent", userAgent)
                .send(node.proxyPort)
                .status();
    }

    private static void patch(Bot bot, Map<String, Object> config) {
        Http.Response res =
                client.send("PATCH", "/plugins/" + bot.plugin, KongSpecClient.ContentType.JSON, body("config", config));
        assertThat(res.status()).as(res.body()).isEqualTo(200);
    }

    /** Kong's {@code helpers.wait_until(check_status, 10)}: the user agent's status becomes {@code expected}. */
    private static void awaitStatus(Bot bot, String userAgent, int expected) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> status(bot, userAgent) == expected);
    }

    /** {@value #SPEC}: "Plugin: bot-detection (hooks) blocks a newly entered user-agent". */
    @Test
    void blocks_a_newly_entered_user_agent() throws IOException {
        Bot bot = bot();
        assertThat(status(bot, "helloworld")).isEqualTo(200);
        patch(bot, body("deny", List.of("helloworld")));
        awaitStatus(bot, "helloworld", 403);
    }

    /** {@value #SPEC}: "Plugin: bot-detection (hooks) allows a newly entered user-agent". */
    @Test
    void allows_a_newly_entered_user_agent() throws IOException {
        Bot bot = bot();
        assertThat(status(bot, "facebookexternalhit/1.1")).isEqualTo(403);
        patch(bot, body("allow", List.of("facebookexternalhit/1.1")));
        awaitStatus(bot, "facebookexternalhit/1.1", 200);
    }
}
