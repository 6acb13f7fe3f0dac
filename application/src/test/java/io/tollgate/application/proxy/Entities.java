package io.tollgate.application.proxy;

import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Services;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builds validated entities (defaults filled) for tests. */
public final class Entities {

    private Entities() {}

    public static Entity of(EntitySchema schema, Map<String, ? extends @Nullable Object> input) {
        Map<String, @Nullable Object> fields = new HashMap<>(input);
        fields.putIfAbsent("id", UUID.randomUUID().toString());
        return new Entity(schema, Schemas.forInput(schema, fields).validate(fields));
    }

    public static Entity service(String url, Map<String, ?> extra) {
        Map<String, @Nullable Object> input = new HashMap<>(extra);
        input.put("url", url);
        return of(Services.SCHEMA, input);
    }

    public static Entity route(Entity service, Map<String, ?> fields) {
        Map<String, @Nullable Object> input = new HashMap<>(fields);
        input.put("service", Map.of("id", service.id().toString()));
        return of(Routes.SCHEMA, input);
    }

    public static Entity consumer(String username, @Nullable String customId) {
        Map<String, @Nullable Object> input = new HashMap<>();
        input.put("username", username);
        input.put("custom_id", customId);
        return of(Consumers.SCHEMA, input);
    }

    public static Entity keyAuth(Entity consumer, String key) {
        return of(
                KeyAuthCredentials.SCHEMA,
                Map.of("consumer", Map.of("id", consumer.id().toString()), "key", key));
    }

    /** A plugin; {@code scope} may hold {@code route}, {@code service}, {@code consumer} entities. */
    public static Entity plugin(String name, Map<String, ?> config, Map<String, Entity> scope) {
        Map<String, @Nullable Object> input = new HashMap<>();
        input.put("name", name);
        input.put("config", config);
        scope.forEach(
                (field, entity) -> input.put(field, Map.of("id", entity.id().toString())));
        return of(Plugins.SCHEMA, input);
    }
}
