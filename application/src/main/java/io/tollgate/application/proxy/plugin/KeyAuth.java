package io.tollgate.application.proxy.plugin;

import io.tollgate.application.port.in.ProxyDecision.Respond;
import io.tollgate.application.port.in.ProxyExchange;
import io.tollgate.application.port.out.EntityStore;
import io.tollgate.application.port.out.NodeCache;
import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredential;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * Kong's {@code key-auth} access handler (kong-internals §9.3): finds the API key in the configured headers, then
 * query args; looks the credential up through the node cache ({@code keyauth_credentials:<key>:::::<ws>}, misses
 * cached too) and its consumer ({@code consumers:<id>:::::<ws>}); answers 401 with {@code WWW-Authenticate} or
 * falls back to the {@code anonymous} consumer.
 */
final class KeyAuth implements AccessPlugin {

    static final String NO_KEY = "No API key found in request";
    static final String DUPLICATE = "Duplicate API key found";
    static final String UNAUTHORIZED = "Unauthorized";

    private final EntityStore store;
    private final NodeCache cache;
    private final WorkspaceId workspace;

    KeyAuth(EntityStore store, NodeCache cache, WorkspaceId workspace) {
        this.store = store;
        this.cache = cache;
        this.workspace = workspace;
    }

    @Override
    public PluginDefinition definition() {
        return PluginCatalog.KEY_AUTH;
    }

    @Override
    public CompletionStage<Optional<Respond>> access(PluginContext context, PluginConfig config) {
        ProxyExchange exchange = context.exchange;
        if (!config.bool("run_on_preflight", true) && exchange.method().equals("OPTIONS")) {
            return none();
        }
        if (config.string("anonymous") != null && context.credential() != null) {
            return none(); // already authenticated by another plugin: logical OR
        }
        String key = null;
        for (String name : config.strings("key_names", List.of("apikey"))) {
            boolean inHeader = config.bool("key_in_header", true);
            List<String> values = inHeader ? exchange.headerValues(name) : List.of();
            boolean fromQuery = false;
            if (values.isEmpty() && config.bool("key_in_query", true)) {
                values = exchange.queryValues(name);
                fromQuery = true;
            }
            if (values.size() > 1) {
                return fail(context, config, DUPLICATE);
            }
            if (values.size() == 1) {
                key = values.get(0);
                if (config.bool("hide_credentials", false)) {
                    if (fromQuery) {
                        exchange.removeQueryArg(name);
                    } else {
                        exchange.removeUpstreamHeader(name);
                    }
                }
                break;
            }
        }
        if (key == null || key.isEmpty()) {
            return fail(context, config, NO_KEY);
        }
        String presented = key;
        return cache.get(
                        CacheKeys.of(KeyAuthCredentials.SCHEMA.kind(), workspace, presented),
                        () -> store.findBy(KeyAuthCredentials.SCHEMA, "key", presented))
                .thenCompose(found -> {
                    if (found.isEmpty()) {
                        return fail(context, config, UNAUTHORIZED);
                    }
                    KeyAuthCredential credential = KeyAuthCredential.of(found.get());
                    return consumerById(credential.consumer().value()).thenCompose(consumer -> {
                        if (consumer.isEmpty()) {
                            return fail(context, config, UNAUTHORIZED);
                        }
                        context.authenticate(
                                Consumer.of(consumer.get()), credential.id().value());
                        return none();
                    });
                });
    }

    private CompletionStage<Optional<Respond>> fail(PluginContext context, PluginConfig config, String message) {
        String anonymous = config.string("anonymous");
        if (anonymous == null || anonymous.isEmpty()) {
            String realm = config.string("realm");
            String challenge = realm == null ? "Key" : "Key realm=\"" + realm + "\"";
            return CompletableFuture.completedFuture(
                    Optional.of(Respond.message(401, message, Map.of("WWW-Authenticate", challenge))));
        }
        return anonymousConsumer(anonymous).thenApply(consumer -> {
            if (consumer.isEmpty()) {
                return Optional.of(
                        Respond.message(500, "anonymous consumer " + anonymous + " is configured but doesn't exist"));
            }
            context.authenticate(Consumer.of(consumer.get()), null);
            return Optional.empty();
        });
    }

    /** Kong's {@code load_consumer(anonymous, true)}: by id, then by username. */
    private CompletableFuture<Optional<Entity>> anonymousConsumer(String anonymous) {
        UUID id = uuidOrNull(anonymous);
        CompletableFuture<Optional<Entity>> byId =
                id == null ? CompletableFuture.completedFuture(Optional.empty()) : consumerById(id);
        return byId.thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found)
                : cache.get(
                        CacheKeys.of(Consumers.SCHEMA.kind(), workspace, anonymous),
                        () -> store.findBy(Consumers.SCHEMA, "username", anonymous)));
    }

    private CompletableFuture<Optional<Entity>> consumerById(UUID id) {
        return cache.get(CacheKeys.of(Consumers.SCHEMA.kind(), workspace, id), () -> store.find(Consumers.SCHEMA, id));
    }

    private static @Nullable UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static CompletableFuture<Optional<Respond>> none() {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
