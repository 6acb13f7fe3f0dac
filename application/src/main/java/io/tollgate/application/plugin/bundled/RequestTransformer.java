package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Kong's {@code request-transformer}: rewrites the request before it goes upstream, in Kong's order — the URI
 * ({@code replace.uri}), the method ({@code http_method}; to {@code GET}/{@code HEAD}/{@code TRACE} a form body's
 * arguments move to the query), the headers (a renamed header replaces any header of the new name), the body
 * (form-urlencoded, JSON and {@code multipart/form-data}, as {@link BodyTransform} says; {@code Content-Length}
 * follows), then the query string; within each, remove, rename, replace (only what exists), add (only what does not)
 * and append. Values may be {@linkplain Template templates}, which read the headers as the request came (as Kong's
 * template environment, taken before any rule runs). A template Tollgate cannot evaluate ends the request with Kong's
 * 500.
 */
public final class RequestTransformer implements TollgatePlugin {

    @Override
    public PluginDefinition definition() {
        return RequestTransformerSchema.DEFINITION;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment.json());
    }

    private record Handler(JsonCodec json) implements PluginHandler {

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            TransformRules rules = TransformRules.of(config);
            Template.Source source = Template.Source.of(context);
            if (rules.uri() != null) {
                context.setUpstreamPath(Template.render(rules.uri(), source));
            }
            String method = config.string("http_method");
            boolean toQuery = method != null && List.of("GET", "HEAD", "TRACE").contains(method);
            if (method != null) {
                context.setMethod(method);
            }
            transformHeaders(context, source, rules);
            BodyType type = BodyType.of(context.header("Content-Type"));
            boolean bodyRules = rules.touchesBody() && type != BodyType.OTHER;
            boolean formToQuery = toQuery && type == BodyType.FORM;
            if (!bodyRules && !formToQuery) {
                transformQuery(context, source, rules, Map.of());
                return DONE;
            }
            return context.requestBody().thenAccept(read -> {
                Map<String, List<String>> moved = Map.of();
                if (read.isPresent()) {
                    byte[] body = read.get();
                    if (formToQuery) {
                        moved = UrlEncodedArgs.decode(new String(body, StandardCharsets.UTF_8));
                    }
                    if (bodyRules) {
                        byte[] changed = BodyTransform.apply(type, body, rules, context, source, json);
                        if (changed != null) {
                            context.setRequestBody(changed);
                        }
                    }
                }
                transformQuery(context, source, rules, moved);
            });
        }

        private static void transformHeaders(PluginContext context, Template.Source source, TransformRules rules) {
            for (String name : rules.remove("headers")) {
                context.removeHeader(name);
            }
            for (TransformRules.Pair p : rules.pairs("rename", "headers")) {
                List<String> values = context.headerValues(p.name());
                if (!values.isEmpty() && !p.name().equalsIgnoreCase(p.value())) {
                    context.removeHeader(p.name());
                    context.removeHeader(p.value()); // the renamed header's values replace the target's
                    values.forEach(v -> context.addHeader(p.value(), v));
                }
            }
            for (TransformRules.Pair p : rules.pairs("replace", "headers")) {
                if (context.header(p.name()) != null || p.name().equalsIgnoreCase("host")) {
                    context.setHeader(p.name(), Template.render(p.value(), source));
                }
            }
            for (TransformRules.Pair p : rules.pairs("add", "headers")) {
                if (context.header(p.name()) == null && !p.name().equalsIgnoreCase("host")) {
                    context.setHeader(p.name(), Template.render(p.value(), source));
                }
            }
            for (TransformRules.Pair p : rules.pairs("append", "headers")) {
                if (!p.name().equalsIgnoreCase("host")) {
                    context.addHeader(p.name(), Template.render(p.value(), source));
                }
            }
        }

        private static void transformQuery(
                PluginContext context, Template.Source source, TransformRules rules, Map<String, List<String>> moved) {
            if (!rules.touches("querystring") && moved.isEmpty()) {
                return;
            }
            Map<String, List<String>> args = UrlEncodedArgs.decode(context.rawQuery());
            moved.forEach((name, values) ->
                    args.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
            ArgsTransform.apply(args, rules, "querystring", source);
            context.setRawQuery(UrlEncodedArgs.encode(new TreeMap<>(args))); // Kong's set_query sorts by name
        }
    }

    /** The request body formats the plugin rewrites, from {@code Content-Type}. */
    enum BodyType {
        JSON,
        FORM,
        MULTIPART,
        OTHER;

        static BodyType of(String contentType) {
            if (contentType == null) {
                return OTHER;
            }
            String type = contentType.toLowerCase(Locale.ROOT);
            if (type.contains("application/json")) {
                return JSON;
            }
            if (type.contains("multipart/form-data")) {
                return MULTIPART;
            }
            return type.contains("application/x-www-form-urlencoded") ? FORM : OTHER;
        }
    }
}
