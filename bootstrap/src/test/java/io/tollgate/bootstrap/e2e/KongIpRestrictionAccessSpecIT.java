package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/03-plugins/17-ip-restriction/02-access_spec.lua} (the 3.x revision with {@code allow} /
 * {@code deny}, {@code .test} hosts and Kong's {@code IP address not allowed: <ip>} message) and the Admin API side of
 * {@code 01-schema_spec.lua}: the ip-restriction plugin on the proxy path of real nodes proxying to
 * {@link KongMockUpstream}, and its config validated by {@code POST /plugins}.
 *
 * <p>Two nodes, as Kong starts Kong with two settings: {@link #xff} ({@code real_ip_header = X-Forwarded-For},
 * {@code real_ip_recursive = on}, {@code trusted_ips = 0.0.0.0/0, ::/0}) for the IPv4 describe and the IPv6
 * X-Forwarded-For describe (its routes on the {@code .com} hosts, since both describes name the same {@code .test}
 * hosts), and {@link #realIp} (the same without {@code real_ip_header}: Kong's default {@code X-Real-IP}) for the IPv6
 * describe.
 *
 * <p>Access spec: the indexed revision has 68 cases. 36 are ported: the IPv4 describe's 24 but the 6 {@code #grpc}
 * (grpcbin) and {@code #tcp} (a stream listener) cases, all 10 of the IPv6 describe and all 8 of the IPv6
 * X-Forwarded-For describe. No counterpart: those 6 gRPC/TCP cases and the 8 of the Enterprise
 * {@code #consumergroups} describe (consumer groups). The revision repeats the IPv6 and IPv6 X-Forwarded-For describes
 * with {@code .com} hosts (10 + 8 cases, the same requests); their stricter assertions (the whole message,
 * {@code IP address not allowed: ::1}) are folded into the ported cases, which assert Kong's message with the client
 * address wherever a request is refused. The waits on {@code /cache/<key>} of the IPv6 "config changes" case are
 * Kong's cache machinery; the proxy answers before and after each change are ported.
 *
 * <p>Schema spec: all 13 cases are ported, each as {@code POST /plugins} of a route-scoped instance (201 where Kong's
 * validation passes, else Kong's 400 body).
 */
class KongIpRestrictionAccessSpecIT {

    private static final String NOT_ALLOWED = "IP address not allowed: ";

    @TempDir
    static Path xffDir;

    @TempDir
    static Path realIpDir;

    /** Kong's node of the IPv4 and IPv6 X-Forwarded-For describes. */
    static NodeProcess xff;

    /** Kong's node of the IPv6 (X-Real-IP) describe. */
    static NodeProcess realIp;

    static KongSpecClient xffAdmin;
    static KongSpecClient realIpAdmin;
    static KongMockUpstream mock;

    @BeforeAll
    static void start() throws Exception {
        mock = new KongMockUpstream();
        xff = NodeProcess.start(
                "kong-ip-restriction-xff",
                xffDir,
                Map.of(
                        "real_ip_header", "X-Forwarded-For",
                        "real_ip_recursive", "on",
                        "trusted_ips", "0.0.0.0/0, ::/0"));
        realIp = NodeProcess.start(
                "kong-ip-restriction-real-ip",
                realIpDir,
                Map.of("real_ip_recursive", "on", "trusted_ips", "0.0.0.0/0, ::/0"));
        xffAdmin = new KongSpecClient(xff.admin());
        realIpAdmin = new KongSpecClient(realIp.admin());

        // the IPv4 describe
        restrict(xffAdmin, "ip-restriction1.test", body("deny", List.of("127.0.0.1", "127.0.0.2")));
        restrict(xffAdmin, "ip-restriction2.test", body("deny", List.of("127.0.0.2")));
        restrict(xffAdmin, "ip-restriction3.test", body("allow", List.of("127.0.0.2")));
        restrict(xffAdmin, "ip-restriction4.test", body("allow", List.of("127.0.0.1")));
        restrict(xffAdmin, "ip-restriction5.test", body("deny", List.of("127.0.0.0/24")));
        restrict(xffAdmin, "ip-restriction6.test", body("allow", List.of("127.0.0.4")));
        restrict(xffAdmin, "ip-restriction7.test", body("deny", List.of("127.0.0.4")));
        restrict(xffAdmin, "ip-restriction8.test", body("allow", List.of("0.0.0.0/0")));
        restrict(xffAdmin, "ip-restriction9.test", body("allow", List.of("127.0.0.1"), "deny", List.of("127.0.0.1")));
        restrict(
                xffAdmin,
                "ip-restriction10.test",
                body("allow", List.of("127.0.0.0/24"), "deny", List.of("127.0.0.1")));
        restrict(
                xffAdmin,
                "ip-restriction11.test",
                body("allow", List.of("127.0.0.0/24"), "deny", List.of("127.0.0.0/24")));
        restrict(
                xffAdmin,
                "ip-restriction12.test",
                body("deny", List.of("127.0.0.0/24"), "status", 401, "message", "Forbidden"));

        // the IPv6 X-Forwarded-For describe
        restrict(xffAdmin, "ip-restriction1.com", body("deny", List.of("::4")));
        restrict(xffAdmin, "ip-restriction2.com", body("allow", List.of("::4")));

        // the IPv6 describe
        restrict(realIpAdmin, "ip-restriction1.test", body("deny", List.of("::1", "::2")));
        restrict(realIpAdmin, "ip-restriction2.test", body("deny", List.of("::2")));
        restrict(realIpAdmin, "ip-restriction3.test", body("deny", List.of("fe80::/8")));
        restrict(realIpAdmin, "ip-restriction4.test", body("allow", List.of("::2")));
        restrict(realIpAdmin, "ip-restriction5.test", body("allow", List.of("::1")));
        restrict(realIpAdmin, "ip-restriction6.test", body("allow", List.of("::/0")));
        restrict(realIpAdmin, "ip-restriction7.test", body("allow", List.of("::1"), "deny", List.of("::1")));
        restrict(realIpAdmin, "ip-restriction8.test", body("allow", List.of("::1/128"), "deny", List.of("::1")));
        restrict(realIpAdmin, "ip-restriction9.test", body("allow", List.of("::1/128"), "deny", List.of("::1/128")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (xff != null) {
            xff.close();
        }
        if (realIp != null) {
            realIp.close();
        }
        if (mock != null) {
            mock.close();
        }
    }

    private static String id(JsonNode entity) {
        return entity.get("id").asText();
    }

    /** A route on {@code host} to the mock with an ip-restriction instance; returns the plugin's id. */
    private static String restrict(KongSpecClient admin, String host, Map<String, Object> config) {
        String service = id(admin.create("/services", body("url", mock.url())));
        String route = id(admin.create("/routes", body("hosts", List.of(host), "service", Map.of("id", service))));
        return id(admin.create(
                "/plugins", body("name", "ip-restriction", "route", Map.of("id", route), "config", config)));
    }

    private static RawHttp.Response get(NodeProcess node, String host, String target, String... headers)
            throws IOException {
        RawHttp.Request request = RawHttp.request("GET", host, target);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort);
    }

    /** Kong's refusal: {@code status} and {@code {"message": message}} (Kong 3.x may add {@code request_id}). */
    private static void refused(RawHttp.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        JsonNode json = response.json();
        assertThat(json.path("message").asText()).isEqualTo(message);
        json.fieldNames().forEachRemaining(name -> assertThat(name).isIn("message", "request_id"));
    }

    /** Kong's 403 for a client address not allowed. */
    private static void denied(RawHttp.Response response, String ip) {
        refused(response, 403, NOT_ALLOWED + ip);
    }

    /** Proxied: 200 with the mock's {@code vars.remote_addr} (the client address the node resolved). */
    private static void allowed(RawHttp.Response response, String remoteAddr) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("vars").path("remote_addr").asText()).isEqualTo(remoteAddr);
    }

    private static void patch(KongSpecClient admin, String plugin, Map<String, Object> config) {
        Http.Response response =
                admin.send("PATCH", "/plugins/" + plugin, KongSpecClient.ContentType.JSON, body("config", config));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------ IPv4: deny

    /** 02-access_spec: "Plugin: ip-restriction (access) deny blocks a request when the IP is denied". */
    @Test
    void deny_blocks_a_request_when_the_ip_is_denied() throws IOException {
        denied(get(xff, "ip-restriction1.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "deny blocks a request when the IP is denied with status/message". */
    @Test
    void deny_blocks_a_request_when_the_ip_is_denied_with_status_message() throws IOException {
        refused(get(xff, "ip-restriction12.test", "/status/200"), 401, "Forbidden");
    }

    /** 02-access_spec: "deny allows a request when the IP is not denied". */
    @Test
    void deny_allows_a_request_when_the_ip_is_not_denied() throws IOException {
        allowed(get(xff, "ip-restriction2.test", "/request"), "127.0.0.1");
    }

    /** 02-access_spec: "deny blocks IP with CIDR". */
    @Test
    void deny_blocks_ip_with_cidr() throws IOException {
        denied(get(xff, "ip-restriction5.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "deny blocks an IP on a allowed CIDR range". */
    @Test
    void deny_blocks_an_ip_on_a_allowed_cidr_range() throws IOException {
        denied(get(xff, "ip-restriction10.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "deny takes precedence over an allowed IP". */
    @Test
    void deny_takes_precedence_over_an_allowed_ip() throws IOException {
        denied(get(xff, "ip-restriction9.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "deny takes precedence over an allowed CIDR range". */
    @Test
    void deny_takes_precedence_over_an_allowed_cidr_range() throws IOException {
        denied(get(xff, "ip-restriction11.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "deny X-Forwarded-For allows without any X-Forwarded-For and allowed IP". */
    @Test
    void deny_xff_allows_without_any_x_forwarded_for_and_allowed_ip() throws IOException {
        allowed(get(xff, "ip-restriction7.test", "/request"), "127.0.0.1");
    }

    /** 02-access_spec: "deny X-Forwarded-For allows with allowed X-Forwarded-For header". */
    @Test
    void deny_xff_allows_with_allowed_x_forwarded_for_header() throws IOException {
        allowed(get(xff, "ip-restriction7.test", "/request", "X-Forwarded-For", "127.0.0.3"), "127.0.0.3");
    }

    /** 02-access_spec: "deny X-Forwarded-For blocks with not allowed X-Forwarded-For header". */
    @Test
    void deny_xff_blocks_with_not_allowed_x_forwarded_for_header() throws IOException {
        denied(get(xff, "ip-restriction7.test", "/status/200", "X-Forwarded-For", "127.0.0.4"), "127.0.0.4");
    }

    // ------------------------------------------------------------------------ IPv4: allow

    /** 02-access_spec: "allow blocks a request when the IP is not allowed". */
    @Test
    void allow_blocks_a_request_when_the_ip_is_not_allowed() throws IOException {
        denied(get(xff, "ip-restriction3.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "allow allows a allowed IP". */
    @Test
    void allow_allows_a_allowed_ip() throws IOException {
        assertThat(get(xff, "ip-restriction4.test", "/status/200").status()).isEqualTo(200);
    }

    /** 02-access_spec: "allow X-Forwarded-For blocks without any X-Forwarded-For and not allowed IP". */
    @Test
    void allow_xff_blocks_without_any_x_forwarded_for_and_not_allowed_ip() throws IOException {
        denied(get(xff, "ip-restriction6.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "allow X-Forwarded-For block with not allowed X-Forwarded-For header". */
    @Test
    void allow_xff_block_with_not_allowed_x_forwarded_for_header() throws IOException {
        denied(get(xff, "ip-restriction6.test", "/status/200", "X-Forwarded-For", "127.0.0.3"), "127.0.0.3");
    }

    /** 02-access_spec: "allow X-Forwarded-For allows with allowed X-Forwarded-For header". */
    @Test
    void allow_xff_allows_with_allowed_x_forwarded_for_header() throws IOException {
        assertThat(get(xff, "ip-restriction6.test", "/status/200", "X-Forwarded-For", "127.0.0.4")
                        .status())
                .isEqualTo(200);
    }

    /** 02-access_spec: "allow X-Forwarded-For allows with allowed complex X-Forwarded-For header". */
    @Test
    void allow_xff_allows_with_allowed_complex_x_forwarded_for_header() throws IOException {
        assertThat(get(xff, "ip-restriction6.test", "/status/200", "X-Forwarded-For", "127.0.0.4, 127.0.0.3")
                        .status())
                .isEqualTo(200);
    }

    /** 02-access_spec: "Plugin: ip-restriction (access) supports config changes without restarting". */
    @Test
    void supports_config_changes_without_restarting() throws IOException {
        String host = KongSpecClient.unique("ip-restriction-changes") + ".test";
        String plugin = restrict(xffAdmin, host, body("deny", List.of("127.0.0.2")));
        assertThat(get(xff, host, "/request").status()).isEqualTo(200);

        patch(xffAdmin, plugin, body("deny", List.of("127.0.0.1", "127.0.0.2")));
        denied(get(xff, host, "/request"), "127.0.0.1");

        patch(xffAdmin, plugin, body("deny", List.of("127.0.0.2", "127.0.0.3")));
        assertThat(get(xff, host, "/request").status()).isEqualTo(200);
    }

    /** 02-access_spec: "#regression handles a CIDR entry with 0.0.0.0/0". */
    @Test
    void regression_handles_a_cidr_entry_with_0_0_0_0_0() throws IOException {
        assertThat(get(xff, "ip-restriction8.test", "/status/200").status()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------ IPv6 (X-Real-IP)

    /** 02-access_spec: "Plugin: ip-restriction (access) [IPv6] deny blocks a request when the IPv6 is denied". */
    @Test
    void ipv6_deny_blocks_a_request_when_the_ipv6_is_denied() throws IOException {
        denied(get(realIp, "ip-restriction1.test", "/status/200", "X-Real-IP", "::1"), "::1");
    }

    /** 02-access_spec: "[IPv6] deny allows a request when the IPv6 is not denied". */
    @Test
    void ipv6_deny_allows_a_request_when_the_ipv6_is_not_denied() throws IOException {
        allowed(get(realIp, "ip-restriction2.test", "/request", "X-Real-IP", "::1"), "::1");
    }

    /** 02-access_spec: "[IPv6] deny blocks the IPv6 with CIDR". */
    @Test
    void ipv6_deny_blocks_the_ipv6_with_cidr() throws IOException {
        denied(get(realIp, "ip-restriction3.test", "/status/200", "X-Real-IP", "fe80::1"), "fe80::1");
    }

    /** 02-access_spec: "[IPv6] deny blocks an IPv6 on a allowed IPv6 CIDR range". */
    @Test
    void ipv6_deny_blocks_an_ipv6_on_a_allowed_ipv6_cidr_range() throws IOException {
        denied(get(realIp, "ip-restriction8.test", "/status/200", "X-Real-IP", "::1"), "::1");
    }

    /** 02-access_spec: "[IPv6] deny takes precedence over an allowed IPv6". */
    @Test
    void ipv6_deny_takes_precedence_over_an_allowed_ipv6() throws IOException {
        denied(get(realIp, "ip-restriction7.test", "/status/200", "X-Real-IP", "::1"), "::1");
    }

    /** 02-access_spec: "[IPv6] deny takes precedence over an allowed IPv6 CIDR range" (sent from 127.0.0.1). */
    @Test
    void ipv6_deny_takes_precedence_over_an_allowed_ipv6_cidr_range() throws IOException {
        denied(get(realIp, "ip-restriction9.test", "/status/200"), "127.0.0.1");
    }

    /** 02-access_spec: "[IPv6] allow blocks a request when the IPv6 is not allowed". */
    @Test
    void ipv6_allow_blocks_a_request_when_the_ipv6_is_not_allowed() throws IOException {
        denied(get(realIp, "ip-restriction4.test", "/status/200", "X-Real-IP", "::1"), "::1");
    }

    /** 02-access_spec: "[IPv6] allow allows a allowed IPv6". */
    @Test
    void ipv6_allow_allows_a_allowed_ipv6() throws IOException {
        allowed(get(realIp, "ip-restriction5.test", "/status/200", "X-Real-IP", "::1"), "::1");
    }

    /** 02-access_spec: "[IPv6] supports config changes without restarting". */
    @Test
    void ipv6_supports_config_changes_without_restarting() throws IOException {
        String host = KongSpecClient.unique("ip-restriction-changes") + ".test";
        String plugin = restrict(realIpAdmin, host, body("deny", List.of("::2")));
        allowed(get(realIp, host, "/request", "X-Real-IP", "::1"), "::1");

        patch(realIpAdmin, plugin, body("deny", List.of("::1", "::2")));
        denied(get(realIp, host, "/request", "X-Real-IP", "::1"), "::1");

        patch(realIpAdmin, plugin, body("deny", List.of("::2", "::3")));
        allowed(get(realIp, host, "/request", "X-Real-IP", "::1"), "::1");
    }

    /** 02-access_spec: "[IPv6] #regression handles a CIDR entry with ::/0". */
    @Test
    void ipv6_regression_handles_a_cidr_entry_with_all_ipv6() throws IOException {
        allowed(get(realIp, "ip-restriction6.test", "/status/200", "X-Real-IP", "::1"), "::1");
    }

    // ------------------------------------------------------------------------ IPv6 X-Forwarded-For

    /** 02-access_spec: "[IPv6 X-Forwarded-For] deny allows with allowed X-Forwarded-For header". */
    @Test
    void ipv6_xff_deny_allows_with_allowed_x_forwarded_for_header() throws IOException {
        allowed(get(xff, "ip-restriction1.com", "/request", "X-Forwarded-For", "::3"), "::3");
    }

    /** 02-access_spec: "[IPv6 X-Forwarded-For] deny blocks with not allowed X-Forwarded-For header". */
    @Test
    void ipv6_xff_deny_blocks_with_not_allowed_x_forwarded_for_header() throws IOException {
        denied(get(xff, "ip-restriction1.com", "/status/200", "X-Forwarded-For", "::4"), "::4");
    }

    /** 02-access_spec: "[IPv6 X-Forwarded-For] deny blocks with blocked complex X-Forwarded-For header". */
    @Test
    void ipv6_xff_deny_blocks_with_blocked_complex_x_forwarded_for_header() throws IOException {
        denied(get(xff, "ip-restriction1.com", "/status/200", "X-Forwarded-For", "::4, ::3"), "::4");
    }

    /** 02-access_spec: "[IPv6 X-Forwarded-For] deny allows with allowed complex X-Forwarded-For header". */
    @Test
    void ipv6_xff_deny_allows_with_allowed_complex_x_forwarded_for_header() throws IOException {
        allowed(get(xff, "ip-restriction1.com", "/status/200", "X-Forwarded-For", "::3, ::4"), "::3");
    }

    /** 02-access_spec: "[IPv6 X-Forwarded-For] allow block with not allowed X-Forwarded-For header". */
    @Test
    void ipv6_xff_allow_block_with_not_allowed_x_forwarded_for_header() throws IOException {
        denied(get(xff, "ip-restriction2.com", "/status/200", "X-Forwarded-For", "::3"), "::3");
    }

    /** 02-access_spec: "[IPv6 X-Forwarded-For] allow allows with allowed X-Forwarded-For header". */
    @Test
    void ipv6_xff_allow_allows_with_allowed_x_forwarded_for_header() throws IOException {
        allowed(get(xff, "ip-restriction2.com", "/status/200", "X-Forwarded-For", "::4"), "::4");
    }

    /** 02-access_spec: "[IPv6 X-Forwarded-For] allow allows with allowed complex X-Forwarded-For header". */
    @Test
    void ipv6_xff_allow_allows_with_allowed_complex_x_forwarded_for_header() throws IOException {
        allowed(get(xff, "ip-restriction2.com", "/status/200", "X-Forwarded-For", "::4, ::3"), "::4");
    }

    /** 02-access_spec: "[IPv6 X-Forwarded-For] allow blocks with blocked complex X-Forwarded-For header". */
    @Test
    void ipv6_xff_allow_blocks_with_blocked_complex_x_forwarded_for_header() throws IOException {
        denied(get(xff, "ip-restriction2.com", "/status/200", "X-Forwarded-For", "::3, ::4"), "::3");
    }

    // ------------------------------------------------------------------------ 01-schema_spec (Admin API)

    /** {@code POST /plugins} of an ip-restriction instance with {@code config} on a route of its own. */
    private static Http.Response post(Map<String, Object> config) {
        String host = KongSpecClient.unique("schema") + ".ip-restriction.test";
        String route = id(xffAdmin.create("/routes", body("hosts", List.of(host))));
        return xffAdmin.send(
                "POST",
                "/plugins",
                KongSpecClient.ContentType.JSON,
                body("name", "ip-restriction", "route", Map.of("id", route), "config", config));
    }

    private static JsonNode accepted(Map<String, Object> config) {
        Http.Response response = post(config);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("config");
    }

    /** Kong's 400 body: {@code code} 2, {@code name}, {@code message} and {@code fields} as given (JSON). */
    private static void violation(Map<String, Object> config, String message, String fields) {
        Http.Response response = post(config);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode json = response.json();
        assertThat(json.path("code").asInt()).isEqualTo(2);
        assertThat(json.path("name").asText()).isEqualTo("schema violation");
        assertThat(json.path("message").asText()).isEqualTo(message);
        assertThat(json.get("fields")).isEqualTo(KongSpecClient.json(fields));
    }

    private static List<String> texts(JsonNode array) {
        return KongSpecClient.texts(array);
    }

    /** 01-schema_spec: "should accept a valid allow". */
    @Test
    void schema_should_accept_a_valid_allow() {
        assertThat(texts(accepted(body("allow", List.of("127.0.0.1", "127.0.0.2")))
                        .get("allow")))
                .containsExactly("127.0.0.1", "127.0.0.2");
    }

    /** 01-schema_spec: "should accept a valid allow and status/message". */
    @Test
    void schema_should_accept_a_valid_allow_and_status_message() {
        JsonNode config =
                accepted(body("allow", List.of("127.0.0.1", "127.0.0.2"), "status", 403, "message", "Forbidden"));
        assertThat(config.path("status").asInt()).isEqualTo(403);
        assertThat(config.path("message").asText()).isEqualTo("Forbidden");
    }

    /** 01-schema_spec: "should accept a valid cidr range". */
    @Test
    void schema_should_accept_a_valid_cidr_range() {
        assertThat(texts(accepted(body("allow", List.of("127.0.0.1/8"))).get("allow")))
                .containsExactly("127.0.0.1/8");
    }

    /** 01-schema_spec: "should accept a valid deny". */
    @Test
    void schema_should_accept_a_valid_deny() {
        assertThat(texts(accepted(body("deny", List.of("127.0.0.1", "127.0.0.2")))
                        .get("deny")))
                .containsExactly("127.0.0.1", "127.0.0.2");
    }

    /** 01-schema_spec: "should accept both non-empty allow and deny". */
    @Test
    void schema_should_accept_both_non_empty_allow_and_deny() {
        JsonNode config = accepted(body("deny", List.of("127.0.0.2"), "allow", List.of("127.0.0.1")));
        assertThat(texts(config.get("deny"))).containsExactly("127.0.0.2");
        assertThat(texts(config.get("allow"))).containsExactly("127.0.0.1");
    }

    /** 01-schema_spec: "errors allow should not accept invalid types". */
    @Test
    void schema_allow_should_not_accept_invalid_types() {
        violation(
                body("allow", 12),
                "schema violation (config.allow: expected an array)",
                "{\"config\":{\"allow\":\"expected an array\"}}");
    }

    /** 01-schema_spec: "errors allow should not accept invalid IPs". */
    @Test
    void schema_allow_should_not_accept_invalid_ips() {
        violation(
                body("allow", List.of("hello")),
                "schema violation (config.allow.1: invalid ip or cidr range: 'hello')",
                "{\"config\":{\"allow\":[\"invalid ip or cidr range: 'hello'\"]}}");
        violation(
                body("allow", List.of("127.0.0.1", "127.0.0.2", "hello")),
                "schema violation (config.allow.3: invalid ip or cidr range: 'hello')",
                "{\"config\":{\"allow\":[null,null,\"invalid ip or cidr range: 'hello'\"]}}");
    }

    /** 01-schema_spec: "errors deny should not accept invalid types". */
    @Test
    void schema_deny_should_not_accept_invalid_types() {
        violation(
                body("deny", 12),
                "schema violation (config.deny: expected an array)",
                "{\"config\":{\"deny\":\"expected an array\"}}");
    }

    /** 01-schema_spec: "errors deny should not accept invalid IPs". */
    @Test
    void schema_deny_should_not_accept_invalid_ips() {
        violation(
                body("deny", List.of("hello")),
                "schema violation (config.deny.1: invalid ip or cidr range: 'hello')",
                "{\"config\":{\"deny\":[\"invalid ip or cidr range: 'hello'\"]}}");
        violation(
                body("deny", List.of("127.0.0.1", "127.0.0.2", "hello")),
                "schema violation (config.deny.3: invalid ip or cidr range: 'hello')",
                "{\"config\":{\"deny\":[null,null,\"invalid ip or cidr range: 'hello'\"]}}");
    }

    /** 01-schema_spec: "errors should not accept both empty allow and deny". */
    @Test
    void schema_should_not_accept_both_empty_allow_and_deny() {
        String message = "at least one of these fields must be non-empty: 'config.allow', 'config.deny'";
        violation(
                body("deny", List.of(), "allow", List.of()),
                "schema violation (" + message + ")",
                "{\"@entity\":[\"" + message + "\"]}");
    }

    /** 01-schema_spec: "errors should not accept invalid cidr ranges". */
    @Test
    void schema_should_not_accept_invalid_cidr_ranges() {
        Http.Response response = post(body("allow", List.of("0.0.0.0/a", "0.0.0.0/-1", "0.0.0.0/33")));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("fields"))
                .isEqualTo(KongSpecClient.json("{\"config\":{\"allow\":[\"invalid ip or cidr range: '0.0.0.0/a'\","
                        + "\"invalid ip or cidr range: '0.0.0.0/-1'\",\"invalid ip or cidr range: '0.0.0.0/33'\"]}}"));
    }

    /** 01-schema_spec: "errors should not accept invalid ipv6 cidr ranges". */
    @Test
    void schema_should_not_accept_invalid_ipv6_cidr_ranges() {
        List<String> ranges = List.of("::/a", "::/-1", "::/129", "::1/a", "::1/-1", "::1/129");
        Http.Response response = post(body("allow", ranges));
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        JsonNode allow = response.json().path("fields").path("config").path("allow");
        assertThat(texts(allow))
                .containsExactlyElementsOf(ranges.stream()
                        .map(range -> "invalid ip or cidr range: '" + range + "'")
                        .toList());
    }

    /** 01-schema_spec: "errors should accept valid ipv6 cidr ranges". */
    @Test
    void schema_should_accept_valid_ipv6_cidr_ranges() {
        assertThat(texts(accepted(body("allow", List.of("::/0", "::/1", "::/128")))
                        .get("allow")))
                .containsExactly("::/0", "::/1", "::/128");
    }
}
