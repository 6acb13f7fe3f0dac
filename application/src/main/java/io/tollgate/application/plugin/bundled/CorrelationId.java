package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Kong's {@code correlation-id} (kong-internals §9.3): keeps a non-empty incoming {@code header_name} header,
 * otherwise generates an id and sets it upstream; with {@code echo_downstream} also on the response. Generators:
 * {@code uuid} (random), {@code uuid#counter} (this node's random UUID, {@code #}, a counter),
 * {@code tracker} ({@code <server address>-<server port>-<pid>-<request counter>-1-<epoch seconds.millis>}).
 */
public final class CorrelationId implements TollgatePlugin, PluginHandler {

    private final String nodeUuid = UUID.randomUUID().toString();
    private final AtomicLong counter = new AtomicLong();

    @Override
    public PluginDefinition definition() {
        return PluginCatalog.CORRELATION_ID;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return this;
    }

    /** Keeps or generates the id, sets it upstream (and downstream), and adds {@code correlation_id} to the log. */
    @Override
    public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        String header = config.string("header_name", "Kong-Request-ID");
        String id = context.header(header);
        if (id == null || id.isEmpty()) {
            id = generate(config.string("generator", "uuid#counter"), context);
            context.setHeader(header, id);
        }
        if (config.bool("echo_downstream", false)) {
            context.addResponseHeader(header, id);
        }
        context.setSerializeValue("correlation_id", id);
        return DONE;
    }

    private String generate(String generator, PluginContext exchange) {
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
