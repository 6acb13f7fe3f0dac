package io.tollgate.application.proxy.plugin;

import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kong's {@code correlation-id} (kong-internals §9.3): keeps a non-empty incoming {@code header_name} header,
 * otherwise generates an id and sets it upstream; with {@code echo_downstream} also on the response. Generators:
 * {@code uuid} (random), {@code uuid#counter} (this node's random UUID, {@code #}, a counter),
 * {@code tracker} ({@code <server address>-<server port>-<pid>-<request counter>-1-<epoch seconds.millis>}).
 */
final class CorrelationId implements AccessPlugin {

    private static final CompletableFuture<Optional<Respond>> NONE =
            CompletableFuture.completedFuture(Optional.empty());

    private final String nodeUuid = UUID.randomUUID().toString();
    private final AtomicLong counter = new AtomicLong();

    @Override
    public PluginDefinition definition() {
        return PluginCatalog.CORRELATION_ID;
    }

    @Override
    public CompletionStage<Optional<Respond>> access(PluginContext context, PluginConfig config) {
        ProxyExchange exchange = context.exchange;
        String header = config.string("header_name", "Kong-Request-ID");
        String id = exchange.header(header);
        if (id == null || id.isEmpty()) {
            id = generate(config.string("generator", "uuid#counter"), exchange);
            exchange.setUpstreamHeader(header, id);
        }
        if (config.bool("echo_downstream", false)) {
            exchange.addResponseHeader(header, id);
        }
        return NONE;
    }

    private String generate(String generator, ProxyExchange exchange) {
        return switch (generator) {
            case "uuid" -> UUID.randomUUID().toString();
            case "tracker" -> {
                long now = System.currentTimeMillis();
                yield exchange.serverAddress() + "-" + exchange.port() + "-"
                        + ProcessHandle.current().pid() + "-" + counter.incrementAndGet() + "-1-" + (now / 1000) + "."
                        + String.format("%03d", now % 1000);
            }
            default -> nodeUuid + "#" + counter.incrementAndGet();
        };
    }
}
