package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.JsonCodec;
import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.credential.KeyAuthCredential;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code key-auth} (kong-internals §9.3): finds the API key in the configured headers, then query args; looks
 * the credential up through the node cache ({@code keyauth_credentials:<key>:::::<ws>}, misses cached too) and its
 * consumer ({@code consumers:<id>:::::<ws>}); answers 401 with {@code WWW-Authenticate} or falls back to the
 * {@code anonymous} consumer, combining with the other auth plugins as {@link Authentication} says. With
 * {@code key_in_body} the key may also be a field of a form-urlencoded, {@code multipart/form-data} or JSON body
 * ({@link FormOrJson}); {@code hide_credentials} then sends the body on without it ({@code Content-Length} follows).
 */
public final class KeyAuth implements TollgatePlugin {

    static final String NO_KEY = "No API key found in request";
    static final String DUPLICATE = "Duplicate API key found";
    static final String UNAUTHORIZED = "Unauthorized";
    static final String CANNOT_READ_BODY = "Cannot process request body";

    /** The most credential entities whose decoded form a node keeps ({@link IdentityMemo}). */
    static final int CREDENTIALS_KEPT = 8192;

    @Override
    public PluginDefinition definition() {
        return PluginCatalog.KEY_AUTH;
    }

    @Override
    public PluginHandler handler(PluginEnvironment environment) {
        return new Handler(environment);
    }

    private static final class Handler implements PluginHandler {

        private final PluginEnvironment entities;
        private final Authentication authentication;
        private final JsonCodec json;
        private final PerConfig<Settings> settings = new PerConfig<>(4096, Settings::of);
        private final IdentityMemo<Entity, Found> credentials = new IdentityMemo<>(CREDENTIALS_KEPT);

        Handler(PluginEnvironment entities) {
            this.entities = entities;
            this.authentication = new Authentication(entities);
            this.json = entities.json();
        }

        @Override
        public CompletionStage<Void> access(PluginContext context, PluginConfig config) {
            Settings conf = settings.get(config);
            if (!conf.runOnPreflight() && context.method().equals("OPTIONS")) {
                return DONE;
            }
            if (Authentication.satisfiedEarlier(context, config)) {
                return DONE; // already authenticated by another plugin: logical OR
            }
            if (!conf.inBody()) {
                return authenticate(context, config, conf, null);
            }
            return context.requestBody().thenCompose(read -> {
                FormOrJson body = read.map(bytes -> FormOrJson.parse(bytes, context.header("Content-Type"), json))
                        .orElse(null);
                if (body == null) {
                    context.exitWithMessage(400, CANNOT_READ_BODY, Map.of());
                    return DONE;
                }
                return authenticate(context, config, conf, body);
            });
        }

        /** Kong's key lookup: for each key name, its header, then its query arg, then the body's field. */
        private CompletionStage<Void> authenticate(
                PluginContext context, PluginConfig config, Settings conf, @Nullable FormOrJson body) {
            String key = null;
            for (String name : conf.keyNames()) {
                boolean inHeader = conf.inHeader();
                String headerName = name;
                List<String> values = inHeader ? context.headerValues(name) : List.of();
                if (inHeader && values.isEmpty() && name.indexOf('_') >= 0) {
                    // as Kong's header lookup (nginx normalizes '_' to '-'): key name api_key finds an api-key header
                    headerName = name.replace('_', '-');
                    values = context.headerValues(headerName);
                }
                String from = "header";
                if (values.isEmpty() && conf.inQuery()) {
                    values = context.queryValues(name);
                    from = "query";
                }
                if (values.isEmpty() && body != null) {
                    values = body.values(name);
                    from = "body";
                }
                if (values.size() > 1 || (values.isEmpty() && body != null && body.duplicate(name))) {
                    return fail(context, config, conf, DUPLICATE);
                }
                if (values.size() == 1) {
                    key = values.get(0);
                    if (conf.hideCredentials()) {
                        switch (from) {
                            case "query" -> context.removeQueryArg(name);
                            case "body" -> context.setRequestBody(body.without(name, json));
                            default -> context.removeHeader(headerName);
                        }
                    }
                    break;
                }
            }
            if (key == null || key.isEmpty()) {
                return fail(context, config, conf, NO_KEY);
            }
            return entities.findBy(KeyAuthCredentials.SCHEMA, "key", key).thenCompose(entity -> {
                if (entity.isEmpty()) {
                    return fail(context, config, conf, UNAUTHORIZED);
                }
                Found found = credentials.get(entity.get(), Found::of); // decoded once per cached entity
                if (found.credential().expiredAt(System.currentTimeMillis() / 1000)) {
                    return fail(context, config, conf, UNAUTHORIZED); // its ttl ran out: as if it did not exist
                }
                return authentication.authenticate(
                        context,
                        found.credential().consumer().value(),
                        found.credential().id().value(),
                        found.identifier(),
                        () -> fail(context, config, conf, UNAUTHORIZED));
            });
        }

        private CompletionStage<Void> fail(PluginContext context, PluginConfig config, Settings conf, String message) {
            return authentication.fail(context, config, 401, message, conf.challenge());
        }
    }

    /**
     * A credential as key-auth uses it.
     *
     * @param identifier its id as text, the upstream's {@code X-Credential-Identifier}
     */
    private record Found(KeyAuthCredential credential, String identifier) {

        static Found of(Entity entity) {
            KeyAuthCredential credential = KeyAuthCredential.of(entity);
            return new Found(credential, credential.id().value().toString());
        }
    }

    /**
     * One key-auth instance's config, read once per instance.
     *
     * @param keyNames {@code key_names}
     * @param challenge the {@code WWW-Authenticate} header of a 401 (with {@code realm} when set)
     */
    private record Settings(
            List<String> keyNames,
            boolean inHeader,
            boolean inQuery,
            boolean inBody,
            boolean hideCredentials,
            boolean runOnPreflight,
            Map<String, String> challenge) {

        static Settings of(PluginConfig config) {
            String realm = config.string("realm");
            return new Settings(
                    config.strings("key_names", List.of("apikey")),
                    config.bool("key_in_header", true),
                    config.bool("key_in_query", true),
                    config.bool("key_in_body", false),
                    config.bool("hide_credentials", false),
                    config.bool("run_on_preflight", true),
                    Map.of("WWW-Authenticate", realm == null ? "Key" : "Key realm=\"" + realm + "\""));
        }
    }
}
