package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/21-bot-detection/01-access_spec.lua} (5 of its 9 cases; the 4 {@code #grpc} cases need
 * a gRPC upstream and client and have no counterpart) and {@code 03-api_spec.lua} (2 of 2), against one real node
 * proxying to {@link KongMockUpstream}. The routes and plugins of both access {@code lazy_setup}s are created once:
 * the "configured global" describe's global plugin sits beside the route plugins of the first describe, which take
 * precedence on their routes as in Kong.
 */
class KongBotDetectionAccessSpecIT {

    /** A user agent no default rule matches. */
    private static final String HELLOWORLD = "HelloWorld";
    /** A user agent one of Kong's default bot rules matches. */
    private static final String FACEBOOK = "facebookexternalhit/1.1";

    private static final String CHROME = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_5) AppleWebKit/537.36 "
            + "(KHTML, like Gecko) Chrome/50.0.2661.102 Safari/537.36";
    /** An illegal regex (an unclosed group). */
    private static final String BAD_REGEX = "(https?:\\/\\/.*";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-bot-detection", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));

        plugin(route("bot.test"), body());
        plugin(route("bot2.test"), body("deny", List.of(HELLOWORLD)));
        plugin(route("bot3.test"), body("allow", List.of(FACEBOOK)));

        // the "configured global" describe
        route("bot-global.test");
        plugin(null, body());
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

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    private static String route(String host) {
        return id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
    }

    private static void plugin(@Nullable String route, Map<String, Object> config) {
        Map<String, Object> plugin = body("name", "bot-detection", "config", config);
        if (route != null) {
            plugin.put("route", Map.of("id", route));
        }
        client.create("/plugins", plugin);
    }

    private static int status(String host, @Nullable String userAgent) throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, "/request");
        if (userAgent != null) {
            request.header("User-Agent", userAgent);
        }
        return request.send(node.proxyPort).status();
    }

    private static void allowsRegularRequests(String host) throws IOException {
        assertThat(status(host, null)).isEqualTo(200);
        assertThat(status(host, CHROME)).isEqualTo(200);
        assertThat(status(host, HELLOWORLD)).isEqualTo(200);
        assertThat(status(host, "curl/7.43.0")).isEqualTo(200);
    }

    // ------------------------------------------------------------------------ 01-access_spec

    /** 01-access_spec: "Plugin: bot-detection (access) allows regular requests". */
    @Test
    void allows_regular_requests() throws IOException {
        allowsRegularRequests("bot.test");
    }

    /** 01-access_spec: "Plugin: bot-detection (access) blocks bots". */
    @Test
    void blocks_bots() throws IOException {
        RawHttp.Response google = RawHttp.request("GET", "bot.test", "/request")
                .header("User-Agent", "Googlebot/2.1 (+http://www.google.com/bot.html)")
                .send(node.proxyPort);
        assertThat(google.status()).isEqualTo(403);
        assertThat(google.json().get("message").asText()).isEqualTo("Forbidden");
        assertThat(status("bot.test", FACEBOOK)).isEqualTo(403);
    }

    /** 01-access_spec: "Plugin: bot-detection (access) blocks denied user-agents". */
    @Test
    void blocks_denied_user_agents() throws IOException {
        assertThat(status("bot2.test", HELLOWORLD)).isEqualTo(403);
    }

    /** 01-access_spec: "Plugin: bot-detection (access) allows allowed user-agents". */
    @Test
    void allows_allowed_user_agents() throws IOException {
        assertThat(status("bot3.test", FACEBOOK)).isEqualTo(200);
    }

    /** 01-access_spec: "Plugin: bot-detection configured global (access) allows regular requests". */
    @Test
    void configured_global_allows_regular_requests() throws IOException {
        allowsRegularRequests("bot-global.test");
        assertThat(status("bot-global.test", FACEBOOK)).isEqualTo(403);
    }

    // ------------------------------------------------------------------------ 03-api_spec

    private static Http.Response postBadRegex(String field) {
        return client.send(
                "POST",
                "/plugins",
                KongSpecClient.ContentType.JSON,
                body(
                        "name", "bot-detection",
                        "config", body(field, List.of(BAD_REGEX)),
                        "route", Map.of("id", route(KongSpecClient.unique("bot-api") + ".test"))));
    }

    /** 03-api_spec: "fails when using a bad regex in allow". */
    @Test
    void fails_when_using_a_bad_regex_in_allow() {
        JsonNode body = KongSpecClient.ok(postBadRegex("allow"), 400);
        assertThat(body.get("name").asText()).isEqualTo("schema violation");
        assertThat(body.at("/fields/config/allow"))
                .isEqualTo(KongSpecClient.json("[\"not a valid regex: " + BAD_REGEX.replace("\\", "\\\\") + "\"]"));
    }

    /**
     * 03-api_spec: "fails when using a bad regex in deny" (Kong's case sends the regex in {@code allow} again; this
     * port sends it in {@code deny}, as the case's name says).
     */
    @Test
    void fails_when_using_a_bad_regex_in_deny() {
        JsonNode body = KongSpecClient.ok(postBadRegex("deny"), 400);
        assertThat(body.get("name").asText()).isEqualTo("schema violation");
        assertThat(body.at("/fields/config/deny"))
                .isEqualTo(KongSpecClient.json("[\"not a valid regex: " + BAD_REGEX.replace("\\", "\\\\") + "\"]"));
    }
}
