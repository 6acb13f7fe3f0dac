package com.example.hello;

import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@code hello} plugin: greets the upstream and the client.
 *
 * <ul>
 *   <li>{@code access}: sets the upstream header {@code header_name} (default {@code X-Hello}) to
 *       {@code "<greeting>, <consumer username or 'world'>"}; a request with the query argument {@code hello=stop}
 *       is ended with 418 {@code {"message":"<greeting>, teapot"}}.
 *   <li>{@code header_filter}: adds {@code X-Hello-Plugin: <version>} to the response (the upstream's or a generated
 *       one).
 * </ul>
 *
 * <p>Config: {@code greeting} (string, default {@code Hello}), {@code header_name} (a header name, default
 * {@code X-Hello}). Priority 800: after authentication plugins, so the consumer is known.
 */
public final class HelloPlugin implements TollgatePlugin, PluginHandler {

    /** The plugin's version, reported by {@code GET /} under {@code plugins.available_on_server}. */
    public static final String VERSION = "1.0.0";

    private static final PluginDefinition DEFINITION = new PluginDefinition(
            "hello",
            800,
            VERSION,
            RecordSchema.of(
                    string("greeting").required().defaultValue("Hello"),
                    string("header_name").required().defaultValue("X-Hello").rule(Rules.headerName())),
            false);

    /** ServiceLoader's constructor. */
    public HelloPlugin() {}

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    /** One handler for all requests: this object, which keeps no per-request state. */
    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return this;
    }

    @Override
    public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        String greeting = config.string("greeting", "Hello");
        if (context.queryValues("hello").contains("stop")) {
            context.exitWithMessage(418, greeting + ", teapot", Map.of());
            return DONE;
        }
        Consumer consumer = context.consumer();
        String who = consumer == null || consumer.username() == null ? "world" : consumer.username();
        context.setHeader(config.string("header_name", "X-Hello"), greeting + ", " + who);
        return DONE;
    }

    @Override
    public void headerFilter(PluginContext context, PluginConfig config) {
        context.setResponseHeader("X-Hello-Plugin", VERSION);
    }
}
