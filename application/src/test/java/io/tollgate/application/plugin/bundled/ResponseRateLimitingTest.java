package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Kong's response-ratelimiting expectations ({@code spec/03-plugins/24-response-rate-limiting/04-access_spec.lua}) on
 * the {@code local} policy, with a clock the test moves: the upstream's units counted per named limit, the headers
 * to the upstream and to the client, the 429 without a body, {@code block_on_first_violation},
 * {@code hide_client_headers}, and counters shared by every route of a service's instance.
 */
class ResponseRateLimitingTest {

    static final int ITERATIONS = 10;

    final AtomicLong now = new AtomicLong(RateLimitingTest.T0 + 100);
    final PluginHandler handler = new ResponseRateLimiting(now::get).handler(RateLimitingTest.environment(null));
    final Entity serviceEntity = Entities.service("http://upstream.test", Map.of());
    final Service service = Service.of(serviceEntity);
    final Route route = Route.of(Entities.route(serviceEntity, Map.of("paths", List.of("/a"))));
    final UUID routeId = route.id().value();

    static PluginConfig config(Map<String, Object> config, UUID routeId, UUID serviceId) {
        Map<String, Object> input = new HashMap<>(config);
        @SuppressWarnings("unchecked")
        Map<String, Object> values = (Map<String, Object>)
                ResponseRateLimitingSchema.DEFINITION.config().validate(input);
        return new PluginConfig(values, routeId, serviceId, null);
    }

    PluginConfig onRoute(Map<String, Object> limits, Map<String, Object> more) {
        Map<String, Object> config = new HashMap<>(more);
        config.put("limits", limits);
        return config(config, routeId, null);
    }

    RateLimitContext request() {
        RateLimitContext request = new RateLimitContext();
        request.route = route;
        request.service = service;
        return request;
    }

    /**
     * One exchange: access, then (unless it exited) an upstream answering {@code x-kong-limit} values and a body in
     * two chunks, through {@code header_filter} and (when the plugin wants it) {@code body_filter}; the body the
     * client gets is recorded in {@code responseBody}.
     */
    RateLimitContext send(RateLimitContext request, PluginConfig config, String... units) {
        request.reset();
        PluginContext context = request.context();
        handler.access(context, config);
        if (request.exitStatus == 0) {
            request.upstreamResponse.put("x-kong-limit", List.of(units));
            handler.headerFilter(context, config);
            String body = "upstream body";
            if (handler.filtersBody(context, config)) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (ByteBuffer chunk : new ByteBuffer[] {
                    ByteBuffer.wrap("upstream ".getBytes(StandardCharsets.UTF_8)),
                    ByteBuffer.wrap("body".getBytes(StandardCharsets.UTF_8)),
                    ByteBuffer.allocate(0)
                }) {
                    ByteBuffer sent = handler.bodyFilter(context, config, chunk, !chunk.hasRemaining());
                    out.write(sent.array(), sent.arrayOffset() + sent.position(), sent.remaining());
                }
                body = out.toString(StandardCharsets.UTF_8);
            }
            request.responseBody = body.getBytes(StandardCharsets.UTF_8);
        }
        return request;
    }

    @Test
    void returns_the_remaining_counter_after_this_responses_units() {
        PluginConfig config = onRoute(Map.of("video", Map.of("second", ITERATIONS)), Map.of());
        RateLimitContext request = request();
        for (int i = 0; i < ITERATIONS / 2; i++) {
            assertThat(send(request, config, "video=1").responseStatus).isZero();
        }
        send(request, config, "video=1");
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Limit-video-second", "10")
                .containsEntry("X-RateLimit-Remaining-video-second", Integer.toString(ITERATIONS - 5 - 1));
        assertThat(request.upstreamResponse)
                .as("the upstream's header is removed")
                .isEmpty();
    }

    @Test
    void blocks_past_the_limit_with_an_empty_429_and_does_not_count_it() {
        PluginConfig config = onRoute(Map.of("video", Map.of("second", ITERATIONS)), Map.of());
        RateLimitContext request = request();
        for (int i = 0; i < ITERATIONS; i++) {
            assertThat(send(request, config, "video=1").responseStatus).isZero();
        }
        assertThat(new String(request.responseBody, StandardCharsets.UTF_8))
                .as("a response within the limits streams past the plugin untouched")
                .isEqualTo("upstream body");
        send(request, config, "video=1");
        assertThat(request.responseStatus).isEqualTo(429);
        assertThat(request.responseBody).as("the upstream's body is dropped").isEmpty();
        assertThat(request.responseHeaders)
                .containsEntry("Content-Length", "0")
                .containsEntry("X-RateLimit-Limit-video-second", "10")
                .containsEntry("X-RateLimit-Remaining-video-second", "0");
        assertThat(request.upstreamHeaders).containsEntry("X-RateLimit-Remaining-video", "0");
        // a response without units still passes, and the next second starts again
        assertThat(send(request, config).responseStatus).isZero();
        assertThat(new String(request.responseBody, StandardCharsets.UTF_8)).isEqualTo("upstream body");
        now.addAndGet(1_000);
        assertThat(send(request, config, "video=1").responseStatus).isZero();
        assertThat(request.responseHeaders).containsEntry("X-RateLimit-Remaining-video-second", "9");
    }

    @Test
    void handles_multiple_limits_and_sends_the_upstream_the_least_remaining_of_each() {
        PluginConfig config = onRoute(
                Map.of(
                        "video", Map.of("second", ITERATIONS * 2, "minute", ITERATIONS * 4),
                        "image", Map.of("second", ITERATIONS)),
                Map.of());
        RateLimitContext request = request();
        int n = ITERATIONS / 2;
        for (int i = 1; i <= n; i++) {
            assertThat(send(request, config, "video=2, image=1").responseStatus).isZero();
        }
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Limit-video-second", "20")
                .containsEntry("X-RateLimit-Remaining-video-second", Integer.toString(ITERATIONS * 2 - n * 2))
                .containsEntry("X-RateLimit-Limit-video-minute", "40")
                .containsEntry("X-RateLimit-Remaining-video-minute", Integer.toString(ITERATIONS * 4 - n * 2))
                .containsEntry("X-RateLimit-Limit-image-second", "10")
                .containsEntry("X-RateLimit-Remaining-image-second", Integer.toString(ITERATIONS - n));
        assertThat(request.upstreamHeaders)
                .containsEntry("X-RateLimit-Remaining-video", Integer.toString(ITERATIONS * 2 - (n - 1) * 2))
                .containsEntry("X-RateLimit-Remaining-image", Integer.toString(ITERATIONS - (n - 1)));
        for (int i = n + 1; i <= ITERATIONS; i++) {
            assertThat(send(request, config, "video=1, image=1").responseStatus).isZero();
        }
        send(request, config, "video=1, image=1");
        assertThat(request.responseStatus).isEqualTo(429);
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Remaining-image-second", "0")
                .containsEntry(
                        "X-RateLimit-Remaining-video-minute",
                        Integer.toString(ITERATIONS * 4 - n * 2 - (ITERATIONS - n) - 1))
                .containsEntry(
                        "X-RateLimit-Remaining-video-second",
                        Integer.toString(ITERATIONS * 2 - n * 2 - (ITERATIONS - n) - 1));
    }

    @Test
    void combines_several_headers_and_ignores_unknown_or_malformed_parts() {
        PluginConfig config = onRoute(
                Map.of("video", Map.of("second", ITERATIONS * 2 + 2), "image", Map.of("second", ITERATIONS)), Map.of());
        RateLimitContext request = request();
        for (int i = 0; i < ITERATIONS; i++) {
            assertThat(send(request, config, "video=2", "image=1, test=5, bad, x=y=z").responseStatus)
                    .isZero();
        }
        assertThat(send(request, config, "video=1").responseStatus).isZero();
        send(request, config, "video=2", "image=1");
        assertThat(request.responseStatus).isEqualTo(429);
        assertThat(request.responseHeaders)
                .containsEntry("X-RateLimit-Remaining-image-second", "0")
                .containsEntry("X-RateLimit-Remaining-video-second", "0");
    }

    @Test
    void blocks_on_first_violation_in_access_with_kongs_message() {
        PluginConfig config = onRoute(
                Map.of(
                        "video", Map.of("second", ITERATIONS, "minute", ITERATIONS * 2),
                        "image", Map.of("second", 4)),
                Map.of("block_on_first_violation", true));
        RateLimitContext request = request();
        assertThat(send(request, config, "video=2, image=4").responseStatus).isZero();
        send(request, config, "video=2");
        assertThat(request.exitStatus).isEqualTo(429);
        assertThat(request.exitMessage).isEqualTo("API rate limit exceeded for 'image'");
    }

    @Test
    void hide_client_headers_sends_none() {
        PluginConfig config =
                onRoute(Map.of("video", Map.of("second", ITERATIONS)), Map.of("hide_client_headers", true));
        RateLimitContext request = request();
        send(request, config, "video=1");
        assertThat(request.responseHeaders).isEmpty();
    }

    @Test
    void a_services_instance_counts_all_its_routes_together_and_consumers_apart() {
        PluginConfig config = config(
                Map.of("limits", Map.of("video", Map.of("second", ITERATIONS))),
                null,
                service.id().value());
        RateLimitContext first = request();
        RateLimitContext second = request();
        second.route = Route.of(Entities.route(serviceEntity, Map.of("paths", List.of("/b"))));
        for (int i = 0; i < ITERATIONS; i++) {
            assertThat(send(i % 2 == 0 ? first : second, config, "video=1").responseStatus)
                    .isZero();
        }
        assertThat(send(first, config, "video=1").responseStatus).isEqualTo(429);
        RateLimitContext consumer = request();
        consumer.consumer = Consumer.of(Entities.consumer("alice", null));
        assertThat(send(consumer, config, "video=1").responseStatus).isZero();
    }

    static Map<String, Object> errors(Map<String, Object> config) {
        PluginCatalog.enable(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
        try {
            return DefinitionsTest.violation("response-ratelimiting", config);
        } finally {
            PluginCatalog.enable(PluginCatalog.bundled());
        }
    }

    @Test
    void the_schema_asks_for_limits_with_a_period_each_in_order() {
        Map<String, Object> errors = errors(Map.of());
        assertThat(errors).containsEntry("config", Map.of("limits", "required field missing"));
        assertThat(errors(Map.of("limits", Map.of("video", Map.of()))))
                .containsEntry(
                        "config",
                        Map.of(
                                "limits",
                                Map.of(
                                        "@entity",
                                        List.of("at least one of these fields must be non-empty: 'second',"
                                                + " 'minute', 'hour', 'day', 'month', 'year'"))));
        assertThat(errors(Map.of("limits", Map.of("video", Map.of("second", 10, "minute", 5)))))
                .containsEntry(
                        "config",
                        Map.of("limits", "the limit for minute(5.0) cannot be lower than the limit for second(10.0)"));
    }
}
