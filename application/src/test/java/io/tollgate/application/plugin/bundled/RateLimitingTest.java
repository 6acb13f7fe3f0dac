package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Kong's rate-limiting expectations ({@code spec/03-plugins/23-rate-limiting/04-access_spec.lua}) on the {@code local}
 * policy, with a clock the test moves: limits per window, headers, the 429, identifiers and their fallbacks, window
 * boundaries in UTC.
 */
class RateLimitingTest {

    /** 2026-03-10T12:00:00.000Z: the start of an hour, a minute, a second. */
    static final long T0 = Instant.parse("2026-03-10T12:00:00Z").toEpochMilli();

    final AtomicLong now = new AtomicLong(T0);
    final PluginHandler handler = new RateLimiting(now::get).handler(environment(null));
    final Entity serviceEntity = Entities.service("http://upstream.test", Map.of());
    final Service service = Service.of(serviceEntity);
    final Route route = Route.of(Entities.route(serviceEntity, Map.of("paths", List.of("/a"))));

    static PluginEnvironment environment(io.tollgate.application.plugin.spi.RateLimitCounters counters) {
        return environment(counters, null);
    }

    static PluginEnvironment environment(
            io.tollgate.application.plugin.spi.RateLimitCounters counters,
            io.tollgate.application.plugin.spi.RedisCounters redis) {
        return (PluginEnvironment) Proxy.newProxyInstance(
                PluginEnvironment.class.getClassLoader(),
                new Class<?>[] {PluginEnvironment.class},
                (p, m, a) -> switch (m.getName()) {
                    case "rateLimitCounters" -> counters;
                    case "redisCounters" -> redis;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    static PluginConfig config(Map<String, Object> config) {
        Map<String, Object> input = new HashMap<>();
        input.put("name", "rate-limiting");
        input.put("config", config);
        @SuppressWarnings("unchecked")
        Map<String, Object> values =
                (Map<String, Object>) RateLimitingSchema.DEFINITION.config().validate(config);
        return new PluginConfig(values);
    }

    RateLimitContext request() {
        RateLimitContext request = new RateLimitContext();
        request.route = route;
        request.service = service;
        return request;
    }

    RateLimitContext send(RateLimitContext request, PluginConfig config) {
        handler.access(request.reset().context(), config);
        return request;
    }

    @Test
    void a_minute_limit_blocks_the_request_past_it_with_kongs_headers_and_message() {
        PluginConfig config = config(Map.of("minute", 6));
        RateLimitContext request = request();
        now.set(T0 + 20_500); // 39.5 s left in the minute
        for (int i = 1; i <= 6; i++) {
            send(request, config);
            assertThat(request.exitStatus).isZero();
            assertThat(request.responseHeaders)
                    .containsEntry("X-RateLimit-Limit-Minute", "6")
                    .containsEntry("X-RateLimit-Remaining-Minute", Integer.toString(6 - i))
                    .containsEntry("RateLimit-Limit", "6")
                    .containsEntry("RateLimit-Remaining", Integer.toString(6 - i))
                    .containsEntry("RateLimit-Reset", "40")
                    .doesNotContainKey("Retry-After");
        }
        send(request, config);
        assertThat(request.exitStatus).isEqualTo(429);
        assertThat(request.exitMessage).isEqualTo("API rate limit exceeded");
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Limit-Minute", "6")
                .containsEntry("X-RateLimit-Remaining-Minute", "0")
                .containsEntry("RateLimit-Remaining", "0")
                .containsEntry("RateLimit-Reset", "40")
                .containsEntry("Retry-After", "40");
    }

    @Test
    void the_window_rolls_over_at_the_utc_minute_boundary() {
        PluginConfig config = config(Map.of("minute", 2));
        RateLimitContext request = request();
        now.set(T0 + 59_000);
        send(request, config);
        send(request, config);
        assertThat(send(request, config).exitStatus).isEqualTo(429);
        assertThat(request.responseHeaders).containsEntry("Retry-After", "1");
        now.set(T0 + 59_999);
        assertThat(send(request, config).exitStatus).isEqualTo(429);
        now.set(T0 + 60_000);
        assertThat(send(request, config).exitStatus).isZero();
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Remaining-Minute", "1")
                .containsEntry("RateLimit-Reset", "60");
    }

    @Test
    void several_windows_report_each_and_the_most_restrictive_one() {
        PluginConfig config = config(Map.of("second", 3, "hour", 5));
        RateLimitContext request = request();
        send(request, config);
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Limit-Second", "3")
                .containsEntry("X-RateLimit-Remaining-Second", "2")
                .containsEntry("X-RateLimit-Limit-Hour", "5")
                .containsEntry("X-RateLimit-Remaining-Hour", "4")
                .containsEntry("RateLimit-Limit", "3")
                .containsEntry("RateLimit-Remaining", "2")
                .containsEntry("RateLimit-Reset", "1");
        send(request, config);
        send(request, config);
        assertThat(send(request, config).exitStatus).as("4th in the second").isEqualTo(429);
        now.addAndGet(1_000);
        send(request, config);
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Remaining-Hour", "1")
                .containsEntry("RateLimit-Limit", "5")
                .containsEntry("RateLimit-Remaining", "1")
                .containsEntry("RateLimit-Reset", "3599");
        send(request, config);
        assertThat(request.responseHeaders)
                .as("a tie goes to the longer window")
                .containsEntry("RateLimit-Limit", "5")
                .containsEntry("RateLimit-Remaining", "0");
        assertThat(send(request, config).exitStatus)
                .as("the refused request in the second counts for no window")
                .isEqualTo(429);
        assertThat(request.responseHeaders)
                .as("only the exhausted window counts the refused request")
                .containsEntry("X-RateLimit-Remaining-Second", "1")
                .containsEntry("X-RateLimit-Remaining-Hour", "0")
                .containsEntry("Retry-After", "3599");
    }

    @Test
    void a_refused_request_is_not_counted_so_the_next_window_starts_fresh() {
        PluginConfig config = config(Map.of("second", 1, "minute", 3));
        RateLimitContext request = request();
        send(request, config);
        for (int i = 0; i < 5; i++) {
            assertThat(send(request, config).exitStatus).isEqualTo(429);
        }
        now.addAndGet(1_000);
        assertThat(send(request, config).exitStatus).isZero();
        assertThat(request.responseHeaders).containsEntry("X-RateLimit-Remaining-Minute", "1");
    }

    @Test
    void error_code_and_message_are_configurable_and_hide_client_headers_sends_none() {
        PluginConfig config = config(
                Map.of("minute", 1, "error_code", 404, "error_message", "Fake Not Found", "hide_client_headers", true));
        RateLimitContext request = request();
        send(request, config);
        assertThat(request.responseHeaders).isEmpty();
        send(request, config);
        assertThat(request.exitStatus).isEqualTo(404);
        assertThat(request.exitMessage).isEqualTo("Fake Not Found");
        assertThat(request.responseHeaders).isEmpty();
    }

    @Test
    void limit_by_ip_counts_each_client_address() {
        PluginConfig config = config(Map.of("minute", 1, "limit_by", "ip"));
        RateLimitContext a = request();
        RateLimitContext b = request();
        b.clientIp = "10.0.0.2";
        assertThat(send(a, config).exitStatus).isZero();
        assertThat(send(a, config).exitStatus).isEqualTo(429);
        assertThat(send(b, config).exitStatus).isZero();
    }

    @Test
    void limit_by_consumer_falls_back_to_the_credential_then_the_ip() {
        PluginConfig config = config(Map.of("minute", 1));
        RateLimitContext alice = request();
        alice.consumer = new Consumer(new io.tollgate.domain.consumer.ConsumerId(UUID.randomUUID()), "alice", null);
        alice.clientIp = "10.0.0.9";
        RateLimitContext bob = request();
        bob.consumer = new Consumer(new io.tollgate.domain.consumer.ConsumerId(UUID.randomUUID()), "bob", null);
        bob.clientIp = "10.0.0.9";
        RateLimitContext anonymous = request();
        anonymous.clientIp = "10.0.0.9";
        RateLimitContext credentialOnly = request();
        credentialOnly.credential = UUID.randomUUID();
        credentialOnly.clientIp = "10.0.0.9";
        assertThat(send(alice, config).exitStatus).isZero();
        assertThat(send(alice, config).exitStatus).isEqualTo(429);
        assertThat(send(bob, config).exitStatus).as("another consumer, same IP").isZero();
        assertThat(send(credentialOnly, config).exitStatus)
                .as("a credential without consumer")
                .isZero();
        assertThat(send(anonymous, config).exitStatus).as("no consumer: the IP").isZero();
        assertThat(send(anonymous, config).exitStatus).isEqualTo(429);
    }

    @Test
    void limit_by_credential_service_header_and_path() {
        RateLimitContext request = request();
        request.credential = UUID.randomUUID();
        PluginConfig byCredential = config(Map.of("minute", 1, "limit_by", "credential"));
        assertThat(send(request, byCredential).exitStatus).isZero();
        assertThat(send(request, byCredential).exitStatus).isEqualTo(429);
        request.credential = UUID.randomUUID();
        assertThat(send(request, byCredential).exitStatus).isZero();

        PluginConfig byService = config(Map.of("hour", 1, "limit_by", "service"));
        RateLimitContext other = request();
        other.clientIp = "10.1.1.1";
        assertThat(send(request, byService).exitStatus).isZero();
        assertThat(send(other, byService).exitStatus)
                .as("same service, other client")
                .isEqualTo(429);

        PluginConfig byHeader = config(Map.of("day", 1, "limit_by", "header", "header_name", "X-App"));
        request.headers.put("x-app", "one");
        other.headers.put("x-app", "two");
        assertThat(send(request, byHeader).exitStatus).isZero();
        assertThat(send(other, byHeader).exitStatus).isZero();
        assertThat(send(request, byHeader).exitStatus).isEqualTo(429);

        PluginConfig byPath = config(Map.of("month", 1, "limit_by", "path", "path", "/a/b"));
        request.path = "/a/b";
        other.path = "/a/b";
        assertThat(send(request, byPath).exitStatus).isZero();
        assertThat(send(other, byPath).exitStatus).as("the path, whoever asks").isEqualTo(429);
        other.path = "/a/c";
        assertThat(send(other, byPath).exitStatus).as("another path: the IP").isZero();
    }

    @Test
    void month_and_year_windows_follow_the_calendar() {
        PluginConfig config = config(Map.of("month", 1, "year", 2));
        RateLimitContext request = request();
        now.set(Instant.parse("2026-01-31T23:59:59Z").toEpochMilli());
        send(request, config);
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Remaining-Month", "0")
                .containsEntry("RateLimit-Reset", "1");
        assertThat(send(request, config).exitStatus).isEqualTo(429);
        now.set(Instant.parse("2026-02-01T00:00:00Z").toEpochMilli());
        send(request, config);
        assertThat(request.exitStatus).isZero();
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Remaining-Month", "0")
                .containsEntry("X-RateLimit-Remaining-Year", "0")
                .as("a tie at 0 goes to the year: 334 days to 2027-01-01")
                .containsEntry("RateLimit-Limit", "2")
                .containsEntry("RateLimit-Reset", Long.toString(334L * 86_400));
        assertThat(send(request, config).exitStatus).isEqualTo(429);
        assertThat(request.responseHeaders).containsEntry("Retry-After", Long.toString(334L * 86_400));
        now.set(Instant.parse("2026-03-01T00:00:00Z").toEpochMilli());
        assertThat(send(request, config).exitStatus)
                .as("a new month, but the year is spent")
                .isEqualTo(429);
    }

    @Test
    void counters_belong_to_the_instances_scope_as_kong_keys_them() {
        PluginConfig global = config(Map.of("minute", 1, "limit_by", "ip"));
        RateLimitContext a = request();
        RateLimitContext b = request();
        b.route = Route.of(Entities.route(serviceEntity, Map.of("paths", List.of("/b"))));
        assertThat(send(a, global).exitStatus).isZero();
        assertThat(send(b, global).exitStatus)
                .as("a global instance counts every route together")
                .isEqualTo(429);
        PluginConfig onA = scoped(global, a.route.id().value());
        PluginConfig onB = scoped(global, b.route.id().value());
        assertThat(send(a, onA).exitStatus).isZero();
        assertThat(send(b, onB).exitStatus)
                .as("each route's own instance counts apart")
                .isZero();
        assertThat(send(a, onA).exitStatus).isEqualTo(429);
    }

    static PluginConfig scoped(PluginConfig config, UUID route) {
        return new PluginConfig(config.values(), route, null, null);
    }

    @Test
    void unavailable_counters_proxy_when_fault_tolerant_and_answer_500_otherwise() {
        RateLimitContext request = request();
        send(request, config(Map.of("minute", 1, "policy", "cluster")));
        assertThat(request.exitStatus).as("fault tolerant, no database").isZero();
        assertThat(request.responseHeaders).isEmpty();
        send(request, config(Map.of("minute", 1, "policy", "cluster", "fault_tolerant", false)));
        assertThat(request.exitStatus).isEqualTo(500);
        assertThat(request.exitMessage).isEqualTo("An unexpected error occurred");

        Map<String, Object> redis = Map.of("minute", 1, "policy", "redis", "redis", Map.of("host", "127.0.0.1"));
        send(request, config(redis));
        assertThat(request.exitStatus).as("fault tolerant, no redis client").isZero();
        assertThat(request.responseHeaders).isEmpty();
        Map<String, Object> strict = new HashMap<>(redis);
        strict.put("fault_tolerant", false);
        send(request, config(strict));
        assertThat(request.exitStatus).isEqualTo(500);
    }
}
