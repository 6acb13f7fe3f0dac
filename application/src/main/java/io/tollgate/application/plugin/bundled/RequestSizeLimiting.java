package io.tollgate.application.plugin.bundled;

import static io.tollgate.domain.schema.Fields.bool;
import static io.tollgate.domain.schema.Fields.integer;
import static io.tollgate.domain.schema.Fields.string;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rules;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code request-size-limiting} (priority 951, kong-internals §9.3): refuses a request whose
 * {@code Content-Length} is above {@code allowed_payload_size} × {@code size_unit} ({@code megabytes} = 2^20 bytes,
 * {@code kilobytes} = 2^10, {@code bytes}) with 413 {@code "Request size limit exceeded"} (417 when the client sent
 * {@code Expect: 100-continue}); with {@code require_content_length}, refuses a request without one with 411
 * {@code "A valid Content-Length header is required"}.
 *
 * <p>A body without a numeric {@code Content-Length} (chunked) is read ({@link PluginContext#requestBody()}) and its
 * bytes counted, as Kong does. A chunked body larger than the node's 1 MiB buffering bound (Kong spills it to a file
 * and counts that) is refused at once when the limit is below 1 MiB; otherwise the limit becomes the exchange's
 * request-body budget ({@link PluginContext#limitRequestBody}), which the node enforces as the rest streams: the
 * same 413 (417) when the count passes the limit before the upstream's response has started (the upstream request
 * is aborted), a closed connection after.
 */
public final class RequestSizeLimiting implements TollgatePlugin, PluginHandler {

    static final String TOO_BIG = "Request size limit exceeded";
    static final String LENGTH_REQUIRED = "A valid Content-Length header is required";

    /** The node's request-body buffering bound ({@link PluginContext#requestBody()}): 1 MiB. */
    private static final double BUFFERED = 1 << 20;

    static final PluginDefinition DEFINITION = new PluginDefinition(
            "request-size-limiting",
            951,
            PluginCatalog.VERSION,
            RecordSchema.of(
                    integer("allowed_payload_size").defaultValue(128L),
                    string("size_unit")
                            .required()
                            .defaultValue("megabytes")
                            .rule(Rules.oneOf("megabytes", "kilobytes", "bytes")),
                    bool("require_content_length").required().defaultValue(false)),
            false);

    @Override
    public PluginDefinition definition() {
        return DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return this;
    }

    /**
     * Compares the declared length with the limit; a body without a numeric {@code Content-Length} (chunked, or any
     * HTTP/2 body) is read and measured, as Kong does.
     */
    @Override
    public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
        String declared = context.header("Content-Length");
        String expect = context.header("Expect"); // before a body read, which answers the expectation and drops it
        if (declared == null && config.bool("require_content_length", false)) {
            context.exitWithMessage(411, LENGTH_REQUIRED, Map.of());
            return DONE;
        }
        Double length = declared == null ? null : number(declared.trim());
        if (length != null) {
            check(context, config, expect, length);
            return DONE;
        }
        if (context.header("Transfer-Encoding") == null
                && !context.httpVersion().equals("2.0")) {
            return DONE; // HTTP/1.x: no body at all (an HTTP/2 body may come without either header)
        }
        return context.requestBody().thenAccept(body -> {
            double allowed = allowedBytes(config);
            if (body.isPresent()) {
                check(context, config, expect, body.get().length);
            } else if (allowed < BUFFERED) {
                check(
                        context,
                        config,
                        expect,
                        Double.MAX_VALUE); // larger than the node's bound, so larger than the limit
            } else { // larger than the node's bound: the node counts the rest as it streams
                context.limitRequestBody((long) Math.min(allowed, Long.MAX_VALUE), status(expect), TOO_BIG);
            }
        });
    }

    private static void check(PluginContext context, PluginConfig config, @Nullable String expect, double length) {
        if (length > allowedBytes(config)) {
            context.exitWithMessage(status(expect), TOO_BIG, Map.of());
        }
    }

    /** 417 when the client sent {@code Expect: 100-continue}, else 413. */
    private static int status(@Nullable String expect) {
        return expect != null && expect.trim().toLowerCase(Locale.ROOT).equals("100-continue") ? 417 : 413;
    }

    /** The limit in bytes. */
    static double allowedBytes(PluginConfig config) {
        double factor = switch (config.string("size_unit", "megabytes")) {
            case "bytes" -> 1;
            case "kilobytes" -> 1 << 10;
            default -> 1 << 20;
        };
        return (double) config.integer("allowed_payload_size", 128) * factor;
    }

    /** Lua's {@code tonumber} for a header value: decimal digits, or {@code null}. */
    private static @Nullable Double number(String text) {
        if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return (double) Long.parseLong(text);
    }
}
