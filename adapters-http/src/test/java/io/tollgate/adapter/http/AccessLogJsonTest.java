package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The JSON access log's line: every member, JSON escaping of what clients send, and members left out when unknown. */
class AccessLogJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final UUID ROUTE = UUID.fromString("11111111-1111-1111-1111-111111111111");
    private static final UUID SERVICE = UUID.fromString("22222222-2222-2222-2222-222222222222");
    private static final UUID CONSUMER = UUID.fromString("33333333-3333-3333-3333-333333333333");

    @Test
    void a_proxied_request_shows_every_member_and_the_time_in_utc_with_milliseconds() throws Exception {
        long time = Instant.parse("2026-03-05T07:08:09.010Z").toEpochMilli();
        String line = AccessLogJson.line(new AccessLogEntry(
                time,
                "10.0.0.1",
                "GET",
                "/a/b",
                "x=1&y=2",
                "HTTP/1.1",
                200,
                12,
                "http://ref/",
                "curl/8",
                7,
                5,
                2,
                "abc123",
                ROUTE,
                "r1",
                SERVICE,
                "s1",
                CONSUMER));

        assertThat(line).doesNotContain("\n").startsWith("{\"time\":\"2026-03-05T07:08:09.010Z\",");
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("client_ip").asText()).isEqualTo("10.0.0.1");
        assertThat(json.path("method").asText()).isEqualTo("GET");
        assertThat(json.path("uri").asText()).isEqualTo("/a/b?x=1&y=2");
        assertThat(json.path("protocol").asText()).isEqualTo("HTTP/1.1");
        assertThat(json.path("status").asInt()).isEqualTo(200);
        assertThat(json.path("body_bytes_sent").asLong()).isEqualTo(12);
        assertThat(json.path("referer").asText()).isEqualTo("http://ref/");
        assertThat(json.path("user_agent").asText()).isEqualTo("curl/8");
        assertThat(json.path("latencies").path("request").asLong()).isEqualTo(7);
        assertThat(json.path("latencies").path("proxy").asLong()).isEqualTo(5);
        assertThat(json.path("latencies").path("kong").asLong()).isEqualTo(2);
        assertThat(json.path("request_id").asText()).isEqualTo("abc123");
        assertThat(json.path("route").path("id").asText()).isEqualTo(ROUTE.toString());
        assertThat(json.path("route").path("name").asText()).isEqualTo("r1");
        assertThat(json.path("service").path("id").asText()).isEqualTo(SERVICE.toString());
        assertThat(json.path("service").path("name").asText()).isEqualTo("s1");
        assertThat(json.path("consumer").path("id").asText()).isEqualTo(CONSUMER.toString());
        assertThat(json.path("consumer").has("name")).isFalse();
    }

    @Test
    void quotes_backslashes_and_control_characters_from_the_client_are_escaped() throws Exception {
        String agent = "evil\" \\ \n\r\t\u0001\u001f é";
        String line = AccessLogJson.line(new AccessLogEntry(
                0,
                "::1",
                "GET",
                "/p\"q",
                null,
                "HTTP/1.1",
                400,
                0,
                "\"}{\"x\":1",
                agent,
                0,
                -1,
                -1,
                null,
                null,
                null,
                null,
                null,
                null));

        assertThat(line)
                .as("one line, no raw control character")
                .doesNotContain("\n")
                .doesNotContain("\r")
                .doesNotContain("\t")
                .doesNotContain("\u0001")
                .doesNotContain("\u001f")
                .contains("\\\"")
                .contains("\\\\")
                .contains("\\n")
                .contains("\\u0001");
        JsonNode json = JSON.readTree(line);
        assertThat(json.path("user_agent").asText()).isEqualTo(agent);
        assertThat(json.path("referer").asText()).isEqualTo("\"}{\"x\":1");
        assertThat(json.path("uri").asText()).isEqualTo("/p\"q");
        assertThat(json.has("x")).isFalse();
    }

    @Test
    void unknown_values_are_left_out() throws Exception {
        JsonNode json = JSON.readTree(AccessLogJson.line(new AccessLogEntry(
                0,
                "127.0.0.1",
                "GET",
                "/status",
                null,
                "HTTP/1.1",
                200,
                2,
                null,
                null,
                3,
                -1,
                -1,
                null,
                null,
                null,
                null,
                null,
                null)));

        assertThat(json.path("uri").asText()).isEqualTo("/status");
        assertThat(json.path("latencies").path("request").asLong()).isEqualTo(3);
        assertThat(json.path("latencies").has("proxy")).isFalse();
        assertThat(json.path("latencies").has("kong")).isFalse();
        for (String absent : new String[] {"referer", "user_agent", "request_id", "route", "service", "consumer"}) {
            assertThat(json.has(absent)).as(absent).isFalse();
        }
        assertThat(json.path("time").asText()).isEqualTo("1970-01-01T00:00:00.000Z");
    }
}
