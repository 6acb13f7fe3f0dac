package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.RawHttp.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kong's rate-limiting spec ({@code spec/03-plugins/23-rate-limiting/04-access_spec.lua}) on one real node with the
 * {@code local} policy: limits, every header, the 429 body, {@code limit_by} ip and consumer,
 * {@code hide_client_headers}, and the rollover of a one-second window. The node trusts {@code X-Forwarded-For}, so
 * each case picks its own client IPs. Hour windows are used where a test counts, after waiting, when the hour is
 * about to end, for the next one, so a count never straddles a boundary.
 */
class RateLimitingNodeIT {

    static final Duration PROPAGATION = Duration.ofSeconds(20);

    @RegisterExtension
    static final EchoNode node = EchoNode.withEchoService(
            "ratelimit",
            Map.of("trusted_ips", "0.0.0.0/0, ::/0", "real_ip_header", "X-Forwarded-For", "real_ip_recursive", "on"));

    static void created(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** A route for {@code host} with these plugins (JSON objects, each with its name). */
    static void route(String host, String... plugins) {
        created(Http.post(
                node.admin() + "/services/echo/routes", "{\"name\":\"" + host + "\",\"hosts\":[\"" + host + "\"]}"));
        for (String plugin : plugins) {
            created(Http.post(node.admin() + "/routes/" + host + "/plugins", plugin));
        }
    }

    static RawHttp.Response get(String host, String... headers) throws Exception {
        RawHttp.Request request = request("GET", host, "/request");
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return request.send(node.proxyPort());
    }

    static RawHttp.Response from(String host, String ip) throws Exception {
        return get(host, "X-Forwarded-For", ip);
    }

    /** Waits, when less than two minutes are left in the UTC hour, for the next hour. */
    static void awaitRoomInTheHour() {
        Awaitility.await()
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> 3600 - Instant.now().getEpochSecond() % 3600 > 120);
    }

    /** Waits until the route of {@code host} answers with rate-limit headers (probing from {@code probeIp}). */
    static void awaitLimited(String host, String probeIp, String header) {
        RawHttp.await(() -> from(host, probeIp).header(header) != null, PROPAGATION);
    }

    @Test
    void limits_headers_and_the_429_per_client_ip() throws Exception {
        awaitRoomInTheHour();
        route("ip.test", "{\"name\":\"rate-limiting\",\"config\":{\"hour\":3,\"second\":3,\"limit_by\":\"ip\"}}");
        route(
                "custom.test",
                "{\"name\":\"rate-limiting\",\"config\":{\"hour\":1,\"limit_by\":\"ip\","
                        + "\"error_code\":503,\"error_message\":\"Slow down\"}}");
        awaitLimited("ip.test", "10.9.9.9", "X-RateLimit-Limit-Hour");

        for (int i = 1; i <= 3; i++) {
            RawHttp.Response ok = from("ip.test", "10.0.0.1");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit-Hour")).isEqualTo("3");
            assertThat(ok.header("X-RateLimit-Remaining-Hour")).isEqualTo(Integer.toString(3 - i));
            assertThat(ok.header("X-RateLimit-Limit-Second")).isEqualTo("3");
            assertThat(ok.header("RateLimit-Limit")).isEqualTo("3");
            assertThat(ok.header("RateLimit-Remaining")).isEqualTo(Integer.toString(3 - i));
            assertThat(Long.parseLong(ok.header("RateLimit-Reset"))).isBetween(1L, 3600L);
            assertThat(ok.header("Retry-After")).isNull();
            assertThat(ok.json().path("headers").has("x-ratelimit-limit-hour"))
                    .as("not sent upstream")
                    .isFalse();
        }
        RawHttp.Response refused = from("ip.test", "10.0.0.1");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("message").asText()).isEqualTo("API rate limit exceeded");
        assertThat(refused.header("X-RateLimit-Remaining-Hour")).isEqualTo("0");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        long retry = Long.parseLong(refused.header("Retry-After"));
        assertThat(retry).isBetween(1L, 3600L);
        assertThat(refused.header("RateLimit-Reset")).isEqualTo(refused.header("Retry-After"));

        assertThat(from("ip.test", "10.0.0.2").status()).as("another client").isEqualTo(200);

        awaitLimited("custom.test", "10.9.9.9", "X-RateLimit-Limit-Hour");
        assertThat(from("custom.test", "10.0.0.1").status()).isEqualTo(200);
        RawHttp.Response custom = from("custom.test", "10.0.0.1");
        assertThat(custom.status()).isEqualTo(503);
        assertThat(custom.json().path("message").asText()).isEqualTo("Slow down");
    }

    @Test
    void limit_by_consumer_counts_each_consumer_and_falls_back_to_the_ip() throws Exception {
        awaitRoomInTheHour();
        created(Http.post(node.admin() + "/consumers", "{\"username\":\"alice\"}"));
        created(Http.post(node.admin() + "/consumers/alice/key-auth", "{\"key\":\"alice-key\"}"));
        created(Http.post(node.admin() + "/consumers", "{\"username\":\"bob\"}"));
        created(Http.post(node.admin() + "/consumers/bob/key-auth", "{\"key\":\"bob-key\"}"));
        route(
                "consumer.test",
                "{\"name\":\"key-auth\",\"config\":{\"anonymous\":null}}",
                "{\"name\":\"rate-limiting\",\"config\":{\"hour\":2}}");
        RawHttp.await(() -> get("consumer.test", "apikey", "nobody").status() == 401, PROPAGATION);

        for (int i = 0; i < 2; i++) {
            assertThat(get("consumer.test", "apikey", "alice-key", "X-Forwarded-For", "10.1.0." + i)
                            .status())
                    .isEqualTo(200);
        }
        assertThat(get("consumer.test", "apikey", "alice-key", "X-Forwarded-For", "10.1.0.9")
                        .status())
                .as("alice's third, from yet another IP")
                .isEqualTo(429);
        RawHttp.Response bob = get("consumer.test", "apikey", "bob-key", "X-Forwarded-For", "10.1.0.0");
        assertThat(bob.status()).as("bob, from alice's IP").isEqualTo(200);
        assertThat(bob.header("X-RateLimit-Remaining-Hour")).isEqualTo("1");

        route("anonymous.test", "{\"name\":\"rate-limiting\",\"config\":{\"hour\":1}}");
        awaitLimited("anonymous.test", "10.9.9.9", "X-RateLimit-Limit-Hour");
        assertThat(from("anonymous.test", "10.2.0.1").status()).isEqualTo(200);
        assertThat(from("anonymous.test", "10.2.0.1").status())
                .as("no consumer: by IP")
                .isEqualTo(429);
        assertThat(from("anonymous.test", "10.2.0.2").status()).isEqualTo(200);
    }

    @Test
    void hide_client_headers_sends_none_even_on_the_429() throws Exception {
        awaitRoomInTheHour();
        route(
                "hidden.test",
                "{\"name\":\"rate-limiting\",\"config\":{\"hour\":1,\"limit_by\":\"ip\","
                        + "\"hide_client_headers\":true}}");
        java.util.concurrent.atomic.AtomicInteger probe = new java.util.concurrent.atomic.AtomicInteger();
        RawHttp.await(
                () -> {
                    String ip = "10.8.0." + probe.incrementAndGet();
                    return from("hidden.test", ip).status() == 200
                            && from("hidden.test", ip).status() == 429;
                },
                PROPAGATION);
        RawHttp.Response ok = from("hidden.test", "10.3.0.1");
        assertThat(ok.status()).isEqualTo(200);
        RawHttp.Response refused = from("hidden.test", "10.3.0.1");
        assertThat(refused.status()).isEqualTo(429);
        for (RawHttp.Response response : new RawHttp.Response[] {ok, refused}) {
            assertThat(response.headers().keySet())
                    .noneMatch(name -> name.toLowerCase(java.util.Locale.ROOT).contains("ratelimit"))
                    .noneMatch(name -> name.equalsIgnoreCase("Retry-After"));
        }
    }

    @Test
    void a_one_second_window_rolls_over_at_the_next_second() throws Exception {
        route("second.test", "{\"name\":\"rate-limiting\",\"config\":{\"second\":1,\"limit_by\":\"ip\"}}");
        awaitLimited("second.test", "10.9.9.9", "X-RateLimit-Limit-Second");
        // two requests within one second: the second is refused (retried until both fall in the same second)
        RawHttp.await(
                () -> {
                    int first = from("second.test", "10.4.0.1").status();
                    RawHttp.Response second = from("second.test", "10.4.0.1");
                    return first == 200 && second.status() == 429 && "1".equals(second.header("Retry-After"));
                },
                PROPAGATION);
        RawHttp.await(() -> from("second.test", "10.4.0.1").status() == 200, Duration.ofSeconds(5));
    }
}
