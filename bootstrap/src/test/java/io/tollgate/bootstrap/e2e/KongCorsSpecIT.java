package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Kong's {@code spec/02-integration/04-admin_api/23-cors_spec.lua}: all 7 of its cases, each run (as Kong runs them)
 * for three values of {@code admin_gui_url}: unset, an origin, and an origin with a path. One real node per value
 * (started once for the class), since the setting is the node's; Kong runs the spec DB-less, which changes nothing
 * in these answers, so the nodes run on PostgreSQL as every other.
 */
class KongCorsSpecIT {

    /** The {@code admin_gui_url} values of Kong's spec, and the {@code Access-Control-Allow-Origin} each fixes. */
    enum GuiUrl {
        UNSET(""),
        ORIGIN("http://admin.api:9100"),
        ORIGIN_AND_PATH("http://admin.api:9100/path/to/any/way");

        final String url;

        GuiUrl(String url) {
            this.url = url;
        }

        /** The {@code Access-Control-Allow-Origin} expected: the GUI URL's origin, or {@code fallback} when unset. */
        String allowOrigin(String fallback) {
            return url.isEmpty() ? fallback : "http://admin.api:9100";
        }
    }

    @TempDir
    static Path dir;

    static final Map<GuiUrl, NodeProcess> NODES = new EnumMap<>(GuiUrl.class);

    @BeforeAll
    static void start() throws Exception {
        for (GuiUrl gui : GuiUrl.values()) {
            Map<String, String> settings = gui.url.isEmpty() ? Map.of() : Map.of("admin_gui_url", gui.url);
            NODES.put(gui, NodeProcess.start("kong-cors-" + gui.name().toLowerCase(), dir, settings));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (NodeProcess node : NODES.values()) {
            node.close();
        }
    }

    private static Http.Response send(GuiUrl gui, String method, String path, String... headers) {
        return Http.send(method, NODES.get(gui).admin() + path, null, headers);
    }

    /** 23-cors_spec: "Pre-flight request should return different allow-methods for specific route". */
    @ParameterizedTest
    @EnumSource(GuiUrl.class)
    void should_return_different_allow_methods_for_specific_route(GuiUrl gui) {
        Map<String, String> allowed = Map.of(
                "/", "GET, HEAD, OPTIONS",
                "/routes", "GET, HEAD, OPTIONS, POST",
                "/routes/test", "DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
        allowed.forEach((path, methods) -> {
            Http.Response res = send(gui, "OPTIONS", path);
            assertThat(res.status()).as(path).isEqualTo(204);
            assertThat(res.header("Allow")).as(path).isEqualTo(methods);
            assertThat(res.header("Access-Control-Allow-Methods")).as(path).isEqualTo(methods);
        });
    }

    /** 23-cors_spec: "Pre-flight request should allow headers from the request". */
    @ParameterizedTest
    @EnumSource(GuiUrl.class)
    void should_allow_headers_from_the_request(GuiUrl gui) {
        Http.Response plain = send(gui, "OPTIONS", "/");
        assertThat(plain.status()).isEqualTo(204);
        assertThat(plain.header("Access-Control-Allow-Headers")).isEqualTo("Content-Type");

        Http.Response requested = send(gui, "OPTIONS", "/", "Access-Control-Request-Headers", "X-Header-1,X-Header-2");
        assertThat(requested.status()).isEqualTo(204);
        assertThat(requested.header("Access-Control-Allow-Headers")).isEqualTo("X-Header-1,X-Header-2");
    }

    /**
     * 23-cors_spec: "Pre-flight request should return the correct |AC-Allow-Origin| header when "Origin" is present in
     * request headers".
     */
    @ParameterizedTest
    @EnumSource(GuiUrl.class)
    void pre_flight_should_return_the_correct_ac_allow_origin_header_when_origin_is_present_in_request_headers(
            GuiUrl gui) {
        Http.Response res = send(gui, "OPTIONS", "/", "Origin", "http://example.com");
        assertThat(res.status()).isEqualTo(204);
        assertThat(res.header("Access-Control-Allow-Origin")).isEqualTo(gui.allowOrigin("http://example.com"));
    }

    /**
     * 23-cors_spec: "Pre-flight request should return the correct |AC-Allow-Origin| header when "Origin" is absent in
     * request headers".
     */
    @ParameterizedTest
    @EnumSource(GuiUrl.class)
    void pre_flight_should_return_the_correct_ac_allow_origin_header_when_origin_is_absent_in_request_headers(
            GuiUrl gui) {
        Http.Response res = send(gui, "OPTIONS", "/");
        assertThat(res.status()).isEqualTo(204);
        assertThat(res.header("Access-Control-Allow-Origin")).isEqualTo(gui.allowOrigin("*"));
    }

    /** 23-cors_spec: "Main request should not respond to |AC-Request-Method| or |AC-Request-Headers| headers". */
    @ParameterizedTest
    @EnumSource(GuiUrl.class)
    void should_not_respond_to_ac_request_method_or_ac_request_headers_headers(GuiUrl gui) {
        Http.Response res = send(
                gui,
                "GET",
                "/",
                "Access-Control-Request-Method",
                "PATCH",
                "Access-Control-Request-Headers",
                "X-Header-1,X-Header-2");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Access-Control-Allow-Methods")).isNull();
        assertThat(res.header("Access-Control-Allow-Headers")).isNull();
    }

    /**
     * 23-cors_spec: "Main request should return the correct |AC-Allow-Origin| header when "Origin" is present in
     * request headers".
     */
    @ParameterizedTest
    @EnumSource(GuiUrl.class)
    void main_request_should_return_the_correct_ac_allow_origin_header_when_origin_is_present_in_request_headers(
            GuiUrl gui) {
        Http.Response res = send(gui, "GET", "/", "Origin", "http://example.com");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Access-Control-Allow-Origin")).isEqualTo(gui.allowOrigin("http://example.com"));
    }

    /**
     * 23-cors_spec: "Main request should return the correct |AC-Allow-Origin| header when "Origin" is absent in
     * request headers".
     */
    @ParameterizedTest
    @EnumSource(GuiUrl.class)
    void main_request_should_return_the_correct_ac_allow_origin_header_when_origin_is_absent_in_request_headers(
            GuiUrl gui) {
        Http.Response res = send(gui, "GET", "/");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.header("Access-Control-Allow-Origin")).isEqualTo(gui.allowOrigin("*"));
    }
}
