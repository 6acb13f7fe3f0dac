package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.MultipartFormTest.TYPE;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.body;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.bytes;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ProxyDecision;
import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.proxy.FakeExchange;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** request-termination's {@code echo} of a {@code multipart/form-data} body: Kong's {@code get_body} fields. */
class RequestEchoMultipartTest {

    AuthHarness harness;

    @BeforeEach
    void setUp() {
        harness = new AuthHarness(List.of(new RequestTermination()));
        harness.route("echo", Map.of("request-termination", Map.of("echo", true, "status_code", 404)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private Map<?, ?> echoedRequest(String type, String body) {
        FakeExchange exchange = new FakeExchange("POST", "/echo").header("Content-Type", type);
        exchange.body = bytes(body);
        ProxyDecision decision = harness.decide(exchange);
        assertThat(decision).isInstanceOf(Respond.class);
        Respond respond = (Respond) decision;
        assertThat(respond.status()).isEqualTo(404);
        Object echo = AuthHarness.JSON.read(respond.body().getBytes(StandardCharsets.UTF_8));
        return (Map<?, ?>) ((Map<?, ?>) echo).get("request");
    }

    @Test
    void fields_are_echoed_by_name_repeated_ones_as_arrays_files_by_content() {
        String file = field("upload") + "; filename=\"a.txt\"\r\nContent-Type: text/plain";
        String sent = body(field("a"), "1", field("k"), "x", file, "file text", field("k"), "y");
        Map<?, ?> request = echoedRequest(TYPE, sent);
        assertThat(request.get("body")).isEqualTo(Map.of("a", "1", "k", List.of("x", "y"), "upload", "file text"));
        assertThat(request.get("raw_body")).isEqualTo(sent);
    }

    @Test
    void a_multipart_body_without_boundary_has_no_fields() {
        Map<?, ?> request = echoedRequest("multipart/form-data", "a=1");
        assertThat(request.get("body")).isEqualTo(Map.of());
        assertThat(request.get("raw_body")).isEqualTo("a=1");
    }
}
