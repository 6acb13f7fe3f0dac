package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.application.proxy.NoJson;
import io.tollgate.application.proxy.plugin.PluginPhases;
import io.tollgate.application.proxy.plugin.PluginsHolder;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * request-size-limiting on a chunked body larger than the node's 1 MiB buffering bound (the exchange's body reads
 * as empty): refused at once under a limit below the bound, else handed to the node as the request-body budget.
 */
class RequestSizeLimitingTest {

    private static PluginContext context(FakeExchange exchange) {
        return PluginPhases.withBundledPlugins(
                        new PluginsHolder(new InMemoryEntityStore()),
                        new InMemoryEntityStore(),
                        new InMemoryNodeCache(),
                        new WorkspaceId(UUID.randomUUID()),
                        NoJson.CODEC,
                        new DatabaseOutages())
                .begin(exchange);
    }

    private static PluginConfig config(Map<String, Object> config) {
        return new PluginConfig(RequestSizeLimiting.DEFINITION.config().validate(config));
    }

    private static FakeExchange chunkedPastTheBound() {
        FakeExchange exchange = new FakeExchange("POST", "/").header("Transfer-Encoding", "chunked");
        exchange.body = null; // larger than the buffering bound
        return exchange;
    }

    @Test
    void a_limit_above_the_bound_becomes_the_body_budget_with_kongs_413() {
        FakeExchange exchange = chunkedPastTheBound();
        PluginContext context = context(exchange);
        new RequestSizeLimiting()
                .access(context, config(Map.of("allowed_payload_size", 2)))
                .toCompletableFuture()
                .join();
        assertThat(context.exited()).isFalse();
        assertThat(exchange.bodyBudget).isEqualTo(2L << 20);
        assertThat(exchange.bodyRefusal.status()).isEqualTo(413);
        assertThat(exchange.bodyRefusal.body()).contains("Request size limit exceeded");
    }

    @Test
    void with_expect_100_continue_the_budget_refuses_with_417() {
        FakeExchange exchange = chunkedPastTheBound().header("Expect", "100-continue");
        new RequestSizeLimiting()
                .access(context(exchange), config(Map.of("allowed_payload_size", 4096, "size_unit", "kilobytes")))
                .toCompletableFuture()
                .join();
        assertThat(exchange.bodyBudget).isEqualTo(4096L << 10);
        assertThat(exchange.bodyRefusal.status()).isEqualTo(417);
    }

    @Test
    void a_limit_below_the_bound_refuses_at_once_without_a_budget() {
        FakeExchange exchange = chunkedPastTheBound();
        PluginContext context = context(exchange);
        new RequestSizeLimiting()
                .access(context, config(Map.of("allowed_payload_size", 512, "size_unit", "kilobytes")))
                .toCompletableFuture()
                .join();
        assertThat(context.exited()).isTrue();
        assertThat(exchange.bodyBudget).isEqualTo(-1);
    }

    @Test
    void a_body_read_whole_is_measured_by_the_plugin_not_budgeted() {
        FakeExchange exchange = new FakeExchange("POST", "/").header("Transfer-Encoding", "chunked");
        exchange.body = new byte[11];
        PluginContext context = context(exchange);
        new RequestSizeLimiting()
                .access(context, config(Map.of("allowed_payload_size", 10, "size_unit", "bytes")))
                .toCompletableFuture()
                .join();
        assertThat(context.exited()).isTrue();
        assertThat(exchange.bodyBudget).isEqualTo(-1);
    }

    /** HTTP/2 bodies need neither {@code Content-Length} nor {@code Transfer-Encoding}: Kong reads and measures them. */
    @Test
    void an_http2_body_without_a_length_is_read_and_measured() {
        FakeExchange small = new FakeExchange("POST", "/");
        small.httpVersion = "2.0";
        small.body = new byte[11];
        PluginContext refused = context(small);
        new RequestSizeLimiting()
                .access(refused, config(Map.of("allowed_payload_size", 10, "size_unit", "bytes")))
                .toCompletableFuture()
                .join();
        assertThat(refused.exited()).isTrue();

        FakeExchange large = new FakeExchange("POST", "/");
        large.httpVersion = "2.0";
        large.body = null; // larger than the buffering bound
        new RequestSizeLimiting()
                .access(context(large), config(Map.of("allowed_payload_size", 2)))
                .toCompletableFuture()
                .join();
        assertThat(large.bodyBudget).isEqualTo(2L << 20);

        FakeExchange http1 = new FakeExchange("POST", "/");
        http1.body = new byte[11]; // no framing header on HTTP/1.1: no body to measure
        PluginContext passed = context(http1);
        new RequestSizeLimiting()
                .access(passed, config(Map.of("allowed_payload_size", 10, "size_unit", "bytes")))
                .toCompletableFuture()
                .join();
        assertThat(passed.exited()).isFalse();
    }
}
