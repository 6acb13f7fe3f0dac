package com.example.hello;

import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@code hello} plugin: greets the upstream and the client.
 *
 * <ul>
 *   <li>{@code access}: sets the upstream header {@code header_name} (default {@code X-Hello}) to
 *       {@code "<greeting>, <consumer username or 'world'>"}; a request with the query argument {@code hello=stop}
 *       is ended with 418 {@code {"message":"<greeting>, teapot"}}.
 *   <li>{@code response} (buffered: the upstream's whole body is read first): appends {@code footer} to the body when
 *       it is set, and says how long the upstream's body was in {@code X-Hello-Upstream-Length}.
 *   <li>{@code header_filter}: adds {@code X-Hello-Plugin: <version>} to the response (the upstream's or a generated
 *       one).
 *   <li>{@code log}: when {@code log_file} is set, appends Kong's log serializer object to it as one JSON line (the
 *       log phase runs off the I/O threads and may block).
 * </ul>
 *
 * <p>Config: {@code greeting} (string, default {@code Hello}), {@code header_name} (a header name, default
 * {@code X-Hello}), {@code footer} (string, optional), {@code log_file} (a file path, optional). Priority 800: after
 * authentication plugins, so the consumer is known.
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
                    string("header_name").required().defaultValue("X-Hello").rule(Rules.headerName()),
                    string("footer"),
                    string("log_file")),
            false);

    private final JsonCodec json;

    /** ServiceLoader's constructor. */
    public HelloPlugin() {
        this(null);
    }

    private HelloPlugin(JsonCodec json) {
        this.json = json;
    }

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    /** One handler for all requests, which keeps no per-request state; it writes JSON with the node's codec. */
    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new HelloPlugin(environment.json());
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

    @Override
    public CompletionStage<Void> response(PluginContext context, PluginConfig config) {
        byte[] body = context.responseBody();
        context.setResponseHeader("X-Hello-Upstream-Length", Integer.toString(body.length));
        String footer = config.string("footer");
        if (footer != null) {
            byte[] extra = footer.getBytes(StandardCharsets.UTF_8);
            byte[] both = new byte[body.length + extra.length];
            System.arraycopy(body, 0, both, 0, body.length);
            System.arraycopy(extra, 0, both, body.length, extra.length);
            context.setResponseBody(both);
        }
        return DONE;
    }

    @Override
    public void log(PluginContext context, PluginConfig config) {
        String file = config.string("log_file");
        if (file == null) {
            return;
        }
        byte[] line = json.write(context.logSerializer());
        try {
            synchronized (HelloPlugin.class) {
                Files.write(
                        Path.of(file),
                        (new String(line, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
