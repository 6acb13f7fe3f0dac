package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.PluginConfig;
import io.tollgate.application.plugin.spi.PluginContext;
import io.tollgate.application.plugin.spi.PluginEnvironment;
import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.domain.consumer.Consumer;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What Kong's authentication plugins (key-auth, basic-auth, hmac-auth, jwt) share, so they combine the same way
 * (Kong's "multiple authentication"): with {@code anonymous} set on each, a request that passes any one of them is
 * authenticated with that plugin's consumer and the others do nothing (logical OR: {@link #satisfiedEarlier}); a
 * plugin that fails falls back to the anonymous consumer, which a later plugin may still replace by a real one.
 * Without {@code anonymous}, each plugin answers its own 401, so all must pass (logical AND) and the consumer is the
 * last plugin's.
 */
final class Authentication {

    /** The most consumer entities whose decoded form a plugin keeps ({@link IdentityMemo}). */
    static final int CONSUMERS_KEPT = 8192;

    private final PluginEnvironment entities;
    private final IdentityMemo<Entity, Consumer> consumers = new IdentityMemo<>(CONSUMERS_KEPT);

    Authentication(PluginEnvironment entities) {
        this.entities = entities;
    }

    /** The configured {@code anonymous} consumer (id or username), or {@code null} when unset or empty. */
    static @Nullable String anonymous(PluginConfig config) {
        String anonymous = config.string("anonymous");
        return anonymous == null || anonymous.isEmpty() ? null : anonymous;
    }

    /**
     * Whether this plugin has nothing to do: it is configured with {@code anonymous} and an earlier plugin already
     * authenticated a credential (not merely the anonymous consumer).
     */
    static boolean satisfiedEarlier(PluginContext context, PluginConfig config) {
        return anonymous(config) != null && context.credential() != null;
    }

    /**
     * Authenticates the credential's consumer (loaded through the node cache); a consumer that vanished counts as a
     * failure ({@code onMissing}).
     *
     * @param identifier the upstream {@code X-Credential-Identifier}
     */
    CompletionStage<Void> authenticate(
            PluginContext context,
            UUID consumerId,
            UUID credentialId,
            String identifier,
            Supplier<CompletionStage<Void>> onMissing) {
        return entities.find(Consumers.SCHEMA, consumerId).thenCompose(consumer -> {
            if (consumer.isEmpty()) {
                return onMissing.get();
            }
            context.authenticate(consumers.get(consumer.get(), Consumer::of), credentialId, identifier);
            return PluginHandler.DONE;
        });
    }

    /**
     * A failed authentication: Kong's {@code status} {@code {"message": message}} with {@code headers}, or, with
     * {@code anonymous} configured, the anonymous consumer (looked up by id, then by username; a missing one is
     * Kong's 500 {@code "anonymous consumer <x> is configured but doesn't exist"}).
     */
    CompletionStage<Void> fail(
            PluginContext context, PluginConfig config, int status, String message, Map<String, String> headers) {
        String anonymous = anonymous(config);
        if (anonymous == null) {
            context.exitWithMessage(status, message, headers);
            return PluginHandler.DONE;
        }
        return anonymousConsumer(anonymous).thenAccept(consumer -> {
            if (consumer.isEmpty()) {
                context.exitWithMessage(
                        500, "anonymous consumer " + anonymous + " is configured but doesn't exist", Map.of());
            } else {
                context.authenticate(consumers.get(consumer.get(), Consumer::of), null, null);
            }
        });
    }

    /** Kong's {@code load_consumer(anonymous, true)}: by id, then by username. */
    private CompletionStage<Optional<Entity>> anonymousConsumer(String anonymous) {
        UUID id = uuidOrNull(anonymous);
        CompletionStage<Optional<Entity>> byId =
                id == null ? CompletableFuture.completedFuture(Optional.empty()) : entities.find(Consumers.SCHEMA, id);
        return byId.thenCompose(found -> found.isPresent()
                ? CompletableFuture.completedFuture(found)
                : entities.findBy(Consumers.SCHEMA, "username", anonymous));
    }

    private static @Nullable UUID uuidOrNull(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
