package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.MultipartFormTest.TYPE;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.body;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.bytes;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.proxy.FakeExchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * request-transformer's body rules on {@code multipart/form-data} bodies, as Kong's
 * {@code transform_multipart_body} applies them (the multipart cases of Kong's {@code 36-request-transformer/02-access}:
 * remove, rename, replace and add on a multipart POST, add only when absent, the rest of the body untouched).
 */
class RequestTransformerMultipartTest {

    static final String FILE = field("upload") + "; filename=\"a.bin\"\r\nContent-Type: application/octet-stream";
    static final String FILE_BYTES = "\u0001\u0002\r\n--not-the-boundary\r\n";

    AuthHarness harness;

    @BeforeEach
    void setUp() {
        harness = new AuthHarness(List.of(new RequestTransformer()));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private int routes;

    /** The body sent upstream through a new route with this config, or {@code null} when it was not replaced. */
    private @Nullable String forwarded(Map<String, ?> config, String type, String body) {
        String name = "rt" + ++routes;
        harness.route(name, Map.of("request-transformer", config));
        FakeExchange exchange = new FakeExchange("POST", "/" + name).header("Content-Type", type);
        exchange.body = bytes(body);
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
        return exchange.replacedBody == null ? null : new String(exchange.replacedBody, StandardCharsets.UTF_8);
    }

    private static Map<String, ?> rule(String operation, String... entries) {
        return Map.of(operation, Map.of("body", List.of(entries)));
    }

    @Test
    void removes_parameters_and_keeps_the_others_and_files_as_they_came() {
        String sent = body(field("toremoveform"), "yes", field("nottoremove"), "yes", FILE, FILE_BYTES);
        assertThat(forwarded(rule("remove", "toremoveform"), TYPE, sent))
                .isEqualTo(body(field("nottoremove"), "yes", FILE, FILE_BYTES));
    }

    @Test
    void removes_every_part_of_a_repeated_name() {
        String sent = body(field("k"), "1", field("keep"), "x", field("k"), "2");
        assertThat(forwarded(rule("remove", "k"), TYPE, sent)).isEqualTo(body(field("keep"), "x"));
    }

    @Test
    void renames_parameters_into_a_simple_field_placed_last() {
        String sent = body(field("originalparam"), "yes", field("other"), "o");
        assertThat(forwarded(rule("rename", "originalparam:renamedparam"), TYPE, sent))
                .isEqualTo(body(field("other"), "o", field("renamedparam"), "yes"));
    }

    @Test
    void replaces_only_present_parameters() {
        String sent = body(field("toreplacebody"), "yes", FILE, FILE_BYTES);
        assertThat(forwarded(rule("replace", "toreplacebody:no", "absent:never"), TYPE, sent))
                .isEqualTo(body(FILE, FILE_BYTES, field("toreplacebody"), "no"));
    }

    @Test
    void adds_parameters_only_when_absent() {
        String sent = body(field("existing"), "old");
        assertThat(forwarded(rule("add", "newformparam:newvalue", "existing:not-added"), TYPE, sent))
                .isEqualTo(body(field("existing"), "old", field("newformparam"), "newvalue"));
    }

    @Test
    void adds_parameters_to_an_empty_body_with_the_content_types_boundary() {
        assertThat(forwarded(rule("add", "a:1"), TYPE, "")).isEqualTo(body(field("a"), "1"));
    }

    @Test
    void operations_run_in_kongs_order_and_render_templates() {
        Map<String, ?> config = Map.of(
                "remove", Map.of("body", List.of("gone")),
                "rename", Map.of("body", List.of("old:new")),
                "replace", Map.of("body", List.of("rep:$(headers[\"x-src\"])")),
                "add", Map.of("body", List.of("gone:again")));
        harness.route("rt", Map.of("request-transformer", config));
        FakeExchange exchange =
                new FakeExchange("POST", "/rt").header("Content-Type", TYPE).header("x-src", "templated");
        exchange.body = bytes(body(field("gone"), "1", field("old"), "2", field("rep"), "3"));
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
        assertThat(new String(exchange.replacedBody, StandardCharsets.UTF_8))
                .isEqualTo(body(field("new"), "2", field("rep"), "templated", field("gone"), "again"));
    }

    @Test
    void append_and_rules_that_match_nothing_leave_the_body_as_it_came() {
        String sent = body(field("a"), "1");
        assertThat(forwarded(rule("append", "a:2"), TYPE, sent))
                .as("Kong does not append to multipart")
                .isNull();
        assertThat(forwarded(rule("remove", "absent"), TYPE, sent)).isNull();
    }

    @Test
    void a_multipart_body_without_boundary_is_left_as_it_came() {
        assertThat(forwarded(rule("add", "a:1"), "multipart/form-data", "whatever"))
                .isNull();
    }
}
