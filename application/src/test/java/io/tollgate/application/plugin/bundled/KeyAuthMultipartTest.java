package io.tollgate.application.plugin.bundled;

import static io.tollgate.application.plugin.bundled.MultipartFormTest.TYPE;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.body;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.bytes;
import static io.tollgate.application.plugin.bundled.MultipartFormTest.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.entity.Entity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * key-auth's {@code key_in_body} on {@code multipart/form-data} bodies (Kong's {@code 09-key-auth/02-access} body
 * cases: the key as a form field, a duplicated key, {@code hide_credentials}).
 */
class KeyAuthMultipartTest {

    AuthHarness harness;

    @BeforeEach
    void setUp() {
        harness = new AuthHarness(List.of(new KeyAuth()));
        Entity bob = Entities.consumer("bob", null);
        harness.store.add(bob, Entities.keyAuth(bob, "kong"));
        harness.route("body", Map.of("key-auth", Map.of("key_in_body", true)));
        harness.route("hide", Map.of("key-auth", Map.of("key_in_body", true, "hide_credentials", true)));
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    private static FakeExchange post(String path, String type, String body) {
        FakeExchange exchange = new FakeExchange("POST", path).header("Content-Type", type);
        exchange.body = bytes(body);
        return exchange;
    }

    @Test
    void authenticates_with_the_key_in_a_multipart_field() {
        FakeExchange exchange = post("/body", TYPE, body(field("foo"), "bar", field("apikey"), "kong"));
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
        assertThat(exchange.header("X-Consumer-Username")).isEqualTo("bob");
        assertThat(exchange.replacedBody).as("the body goes on unchanged").isNull();
    }

    @Test
    void a_wrong_or_missing_multipart_key_is_401() {
        assertThat(harness.decide(post("/body", TYPE, body(field("apikey"), "nope"))))
                .isEqualTo(AuthHarness.status(401, KeyAuth.UNAUTHORIZED, "Key"));
        assertThat(harness.decide(post("/body", TYPE, body(field("other"), "kong"))))
                .isEqualTo(AuthHarness.status(401, KeyAuth.NO_KEY, "Key"));
        assertThat(harness.decide(post("/body", "multipart/form-data", body(field("apikey"), "kong"))))
                .as("no boundary: no fields, as Kong's parser reads it")
                .isEqualTo(AuthHarness.status(401, KeyAuth.NO_KEY, "Key"));
    }

    @Test
    void a_duplicated_multipart_key_is_rejected() {
        assertThat(harness.decide(post("/body", TYPE, body(field("apikey"), "kong", field("apikey"), "kong"))))
                .isEqualTo(AuthHarness.status(401, KeyAuth.DUPLICATE, "Key"));
    }

    @Test
    void hide_credentials_removes_the_field_and_keeps_the_other_parts_as_they_came() {
        String file = field("upload") + "; filename=\"a.bin\"\r\nContent-Type: application/octet-stream";
        FakeExchange exchange =
                post("/hide", TYPE, body(field("foo"), "bar", field("apikey"), "kong", file, "\u0000bytes\r\n"));
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
        assertThat(exchange.replacedBody).isNotNull();
        assertThat(new String(exchange.replacedBody, StandardCharsets.UTF_8))
                .isEqualTo(body(field("foo"), "bar", file, "\u0000bytes\r\n"));
    }

    @Test
    void hide_credentials_of_the_only_field_leaves_an_empty_body() {
        FakeExchange exchange = post("/hide", TYPE, body(field("apikey"), "kong"));
        assertThat(harness.decide(exchange)).isInstanceOf(Forward.class);
        assertThat(exchange.replacedBody).isEmpty();
    }
}
