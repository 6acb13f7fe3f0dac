package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/18-acl/02-access_spec.lua} (its 3.x revision with {@code allow} / {@code deny},
 * {@code .test} hosts and the "anonymous" describe): the acl plugin on the proxy path against one real node proxying
 * to {@link KongMockUpstream}. 23 of the spec's 45 cases are ported; the 21 cases driven by Kong's
 * {@code ctx-checker} test plugin (authenticated groups, a credential without consumer) and the cache-warmup case
 * ({@code db_cache_warmup_entities}, {@code pre-function} reading Kong's shared dict) have no counterpart. The
 * consumers, keys, ACLs, routes and plugins of both {@code lazy_setup}s are created once; only the "multiple rules
 * set fast" case writes, to its own consumer and routes.
 */
class KongAclAccessSpecIT {

    static final String FORBIDDEN = "You cannot consume this service";

    @TempDir
    static Path dir;

    static NodeProcess node;
    static KongSpecClient client;
    static KongMockUpstream mock;
    static String service;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        node = NodeProcess.start("kong-acl-access", dir, Map.of());
        client = new KongSpecClient(node.admin());
        service = id(client.create("/services", body("name", "mock", "url", mock.url())));

        consumer("consumer1", "apikey123");
        consumer("consumer2", "apikey124", "admin");
        consumer("consumer3", "apikey125", "pro", "hello");
        consumer("consumer4", "apikey126", "free", "hello");
        String anonymous = consumer("anonymous", null, "anonymous");

        acl("acl1.test", body("allow", List.of("admin")));
        withKeyAuth("acl2.test", body("allow", List.of("admin")), body());
        withKeyAuth("acl3.test", body("deny", List.of("admin")), body());
        acl("acl3d.test", body("deny", List.of("none")));
        withKeyAuth("acl4.test", body("allow", List.of("admin", "pro")), body());
        withKeyAuth("acl5.test", body("deny", List.of("admin", "pro")), body());
        withKeyAuth("acl6.test", body("deny", List.of("admin", "pro", "hello")), body());
        withKeyAuth("acl7.test", body("allow", List.of("admin", "pro", "hello")), body());
        withKeyAuth("acl8.test", body("allow", List.of("anonymous")), body("anonymous", anonymous));
        withKeyAuth("acl9.test", body("allow", List.of("admin"), "hide_groups_header", true), body());
        withKeyAuth("acl10.test", body("allow", List.of("admin"), "hide_groups_header", false), body());

        // the second describe's lazy_setup ("anonymous")
        String plainAnonymous = consumer("anonymous-no-groups", null);
        String withGroup = consumer("anonymous_with_group", null, "everyone");
        acl("allow-everyone.test", body("allow", List.of("everyone")));
        acl("allow-none.test", body("allow", List.of("none")));
        acl("deny-everyone.test", body("allow", List.of("everyone")));
        acl("deny-none.test", body("allow", List.of("none")));
        for (String mode : List.of("allow", "deny")) {
            for (String group : List.of("everyone", "none")) {
                Map<String, Object> config = body(mode, List.of(group));
                String host = mode + "-" + group + "-anonymous";
                withKeyAuth(host + ".test", config, body("anonymous", plainAnonymous));
                withKeyAuth(host + "-with-group.test", config, body("anonymous", withGroup));
            }
        }
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

    /** A consumer with an optional key-auth key and its ACL groups; returns its id. */
    private static String consumer(String username, @Nullable String key, String... groups) {
        String id = id(client.create("/consumers", body("username", username)));
        if (key != null) {
            client.create("/consumers/" + username + "/key-auth", body("key", key));
        }
        for (String group : groups) {
            client.create("/consumers/" + username + "/acls", body("group", group));
        }
        return id;
    }

    private static String acl(String host, Map<String, Object> config) {
        String route = id(client.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
        plugin("acl", route, config);
        return route;
    }

    private static void withKeyAuth(String host, Map<String, Object> acl, Map<String, Object> keyAuth) {
        plugin("key-auth", acl(host, acl), keyAuth);
    }

    private static void plugin(String name, String route, Map<String, Object> config) {
        client.create("/plugins", body("name", name, "route", Map.of("id", route), "config", config));
    }

    private static RawHttp.Response get(String target, String host) throws IOException {
        return RawHttp.request("GET", host, target).send(node.proxyPort);
    }

    private static JsonNode status(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        return response.json();
    }

    /** Kong's error body {@code {"message": …}} (Kong 3.x adds the {@code request_id} beside it). */
    private static void message(RawHttp.Response response, int status, String message) {
        JsonNode json = status(response, status);
        assertThat(json.path("message").asText()).isEqualTo(message);
        assertThat(json.has("headers")).isFalse();
        json.fieldNames().forEachRemaining(name -> assertThat(name).isIn("message", "request_id"));
    }

    /** The upstream echo's request headers, with {@code X-Authenticated-Groups} never among them. */
    private static JsonNode upstreamHeaders(RawHttp.Response response) {
        JsonNode headers = status(response, 200).get("headers");
        assertThat(headers.has("x-authenticated-groups")).isFalse();
        return headers;
    }

    private static void consumerGroups(RawHttp.Response response, String groups) {
        JsonNode headers = upstreamHeaders(response);
        assertThat(headers.has("x-consumer-groups")).as(headers.toString()).isTrue();
        assertThat(headers.get("x-consumer-groups").asText()).isEqualTo(groups);
    }

    // ------------------------------------------------------------------------ Mapping to Consumer

    /** 02-access_spec: "Mapping to Consumer or Authenticated Groups should work with consumer with credentials". */
    @Test
    void mapping_should_work_with_consumer_with_credentials() throws IOException {
        consumerGroups(get("/request?apikey=apikey124", "acl2.test"), "admin");
    }

    /** 02-access_spec: "Mapping to Consumer or Authenticated Groups should work with consumer without credentials". */
    @Test
    void mapping_should_work_with_consumer_without_credentials() throws IOException {
        consumerGroups(get("/request", "acl8.test"), "anonymous");
    }

    // ------------------------------------------------------------------------ Simple lists

    /** 02-access_spec: "Simple lists should fail when an authentication plugin is missing". */
    @Test
    void simple_should_fail_when_an_authentication_plugin_is_missing() throws IOException {
        message(get("/status/200", "acl1.test"), 401, "Unauthorized");
    }

    /** 02-access_spec: "Simple lists should fail when not allowed". */
    @Test
    void simple_should_fail_when_not_allowed() throws IOException {
        message(get("/status/200?apikey=apikey123", "acl2.test"), 403, FORBIDDEN);
    }

    /** 02-access_spec: "Simple lists should work when allowed". */
    @Test
    void simple_should_work_when_allowed() throws IOException {
        consumerGroups(get("/request?apikey=apikey124", "acl2.test"), "admin");
    }

    /** 02-access_spec: "Simple lists should not send x-consumer-groups header when hide_groups_header flag true". */
    @Test
    void simple_should_not_send_x_consumer_groups_header_when_hide_groups_header_flag_true() throws IOException {
        assertThat(upstreamHeaders(get("/request?apikey=apikey124", "acl9.test"))
                        .has("x-consumer-groups"))
                .isFalse();
    }

    /** 02-access_spec: "Simple lists should send x-consumer-groups header when hide_groups_header flag false". */
    @Test
    void simple_should_send_x_consumer_groups_header_when_hide_groups_header_flag_false() throws IOException {
        consumerGroups(get("/request?apikey=apikey124", "acl10.test"), "admin");
    }

    /** 02-access_spec: "Simple lists should work when not denied". */
    @Test
    void simple_should_work_when_not_denied() throws IOException {
        status(get("/request?apikey=apikey123", "acl3.test"), 200);
    }

    /** 02-access_spec: "Simple lists should fail when denied". */
    @Test
    void simple_should_fail_when_denied() throws IOException {
        message(get("/request?apikey=apikey124", "acl3.test"), 403, FORBIDDEN);
    }

    /** 02-access_spec: "Simple lists should fail denied and with no authenticated groups". */
    @Test
    void simple_should_fail_denied_and_with_no_authenticated_groups() throws IOException {
        message(get("/request", "acl3d.test"), 401, "Unauthorized");
    }

    // ------------------------------------------------------------------------ Multi lists

    /** 02-access_spec: "Multi lists should work when allowed". */
    @Test
    void multi_should_work_when_allowed() throws IOException {
        String groups = upstreamHeaders(get("/request?apikey=apikey125", "acl4.test"))
                .path("x-consumer-groups")
                .asText();
        assertThat(groups).isIn("pro, hello", "hello, pro");
    }

    /** 02-access_spec: "Multi lists should fail when not allowed". */
    @Test
    void multi_should_fail_when_not_allowed() throws IOException {
        message(get("/request?apikey=apikey126", "acl4.test"), 403, FORBIDDEN);
    }

    /** 02-access_spec: "Multi lists should fail when denied". */
    @Test
    void multi_should_fail_when_denied() throws IOException {
        message(get("/request?apikey=apikey125", "acl5.test"), 403, FORBIDDEN);
    }

    /** 02-access_spec: "Multi lists should work when not denied". */
    @Test
    void multi_should_work_when_not_denied() throws IOException {
        status(get("/request?apikey=apikey126", "acl5.test"), 200);
    }

    /** 02-access_spec: "Multi lists should not work when one of the ACLs denied". */
    @Test
    void multi_should_not_work_when_one_of_the_acls_denied() throws IOException {
        message(get("/request?apikey=apikey126", "acl6.test"), 403, FORBIDDEN);
    }

    /** 02-access_spec: "Multi lists should work when one of the ACLs is allowed". */
    @Test
    void multi_should_work_when_one_of_the_acls_is_allowed() throws IOException {
        status(get("/request?apikey=apikey126", "acl7.test"), 200);
    }

    /** 02-access_spec: "Multi lists should not work when at least one of the ACLs denied". */
    @Test
    void multi_should_not_work_when_at_least_one_of_the_acls_denied() throws IOException {
        message(get("/request?apikey=apikey125", "acl6.test"), 403, FORBIDDEN);
    }

    // ------------------------------------------------------------------------ Real-world usage

    /** 02-access_spec: "Real-world usage should not fail when multiple rules are set fast". */
    @Test
    void real_world_should_not_fail_when_multiple_rules_are_set_fast() throws IOException {
        client.create("/consumers", body("username", "acl_consumer"));
        client.create("/consumers/acl_consumer/key-auth", body("key", "secret123"));
        for (int i = 1; i <= 3; i++) {
            String own = id(client.create("/services", body("url", mock.url())));
            String route = id(client.create(
                    "/routes",
                    body(
                            "hosts", List.of("acl_test" + i + ".test"),
                            "protocols", List.of("http", "https"),
                            "service", Map.of("id", own))));
            plugin("acl", route, body("allow", List.of("admin" + i)));
            plugin("key-auth", route, body());
            client.create("/consumers/acl_consumer/acls", body("group", "admin" + i));
            String host = "acl_test" + i + ".test";
            RawHttp.await(() -> get("/status/200?apikey=secret123", host).status() != 404, Duration.ofSeconds(5));
            status(get("/status/200?apikey=secret123", host), 200);
        }
    }

    // ------------------------------------------------------------------------ anonymous

    /** 02-access_spec: "Plugin: ACL (access) anonymous without authentication returns 401". */
    @Test
    void anonymous_without_authentication_returns_401() throws IOException {
        for (String host : List.of("allow-everyone", "allow-none", "deny-everyone", "deny-none")) {
            message(get("/request", host + ".test"), 401, "Unauthorized");
        }
    }

    /** 02-access_spec: "anonymous with authentication without groups returns 401 with allow groups". */
    @Test
    void anonymous_with_authentication_without_groups_returns_401_with_allow_groups() throws IOException {
        message(get("/request", "allow-everyone-anonymous.test"), 401, "Unauthorized");
        message(get("/request", "allow-none-anonymous.test"), 401, "Unauthorized");
    }

    /** 02-access_spec: "anonymous with authentication without groups returns 200 with deny groups". */
    @Test
    void anonymous_with_authentication_without_groups_returns_200_with_deny_groups() throws IOException {
        consumerGroups(get("/request", "deny-everyone-anonymous.test"), "");
        consumerGroups(get("/request", "deny-none-anonymous.test"), "");
    }

    /** 02-access_spec: "anonymous with authentication with group returns 200". */
    @Test
    void anonymous_with_authentication_with_group_returns_200() throws IOException {
        consumerGroups(get("/request", "allow-everyone-anonymous-with-group.test"), "everyone");
        consumerGroups(get("/request", "deny-none-anonymous-with-group.test"), "everyone");
    }

    /** 02-access_spec: "anonymous with authentication with group returns 403". */
    @Test
    void anonymous_with_authentication_with_group_returns_403() throws IOException {
        message(get("/request", "allow-none-anonymous-with-group.test"), 403, FORBIDDEN);
        message(get("/request", "deny-everyone-anonymous-with-group.test"), 403, FORBIDDEN);
    }
}
