package io.tollgate.adapter.postgres;

import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.Routes;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Services;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Valid entities of every schema, built through the domain's own validation. */
final class Fixtures {

    private static final long NOW = 1_700_000_000L;

    private Fixtures() {}

    static Entity entity(EntitySchema schema, Map<String, @Nullable Object> input) {
        Map<String, @Nullable Object> fields = new HashMap<>(input);
        fields.putIfAbsent("id", UUID.randomUUID().toString());
        if (schema.field("created_at").isPresent()) {
            fields.putIfAbsent("created_at", NOW);
        }
        if (schema.field("updated_at").isPresent()) {
            fields.putIfAbsent("updated_at", NOW);
        }
        EntitySchema validating = io.tollgate.domain.catalog.schemas.Schemas.forInput(schema, fields);
        return new Entity(validating, validating.validate(fields));
    }

    static Entity service(String name) {
        return entity(
                Services.SCHEMA,
                Map.of("name", name, "host", name + ".example.com", "path", "/api", "tags", List.of("a", "b")));
    }

    static Entity route(String name, @Nullable Entity service) {
        Map<String, @Nullable Object> in = new HashMap<>();
        in.put("name", name);
        in.put("paths", List.of("/" + name));
        in.put("headers", Map.of("x-version", List.of("1", "2")));
        in.put("service", service == null ? null : Map.of("id", service.id().toString()));
        return entity(Routes.SCHEMA, in);
    }

    static Entity consumer(String username, @Nullable String customId) {
        Map<String, @Nullable Object> in = new HashMap<>();
        in.put("username", username);
        in.put("custom_id", customId);
        return entity(Consumers.SCHEMA, in);
    }

    static Entity plugin(String name, @Nullable Entity route, @Nullable Entity service, @Nullable Entity consumer) {
        Map<String, @Nullable Object> in = new HashMap<>();
        in.put("name", name);
        in.put("route", ref(route));
        in.put("service", ref(service));
        in.put("consumer", ref(consumer));
        return entity(Plugins.SCHEMA, in);
    }

    static Entity keyAuth(String key, Entity consumer) {
        return entity(KeyAuthCredentials.SCHEMA, Map.of("key", key, "consumer", ref(consumer)));
    }

    static @Nullable Map<String, Object> ref(@Nullable Entity entity) {
        return entity == null ? null : Map.of("id", entity.id().toString());
    }

    /** A copy of {@code entity} with some fields replaced (as a PATCH would produce). */
    static Entity with(Entity entity, Map<String, @Nullable Object> changes) {
        Map<String, @Nullable Object> fields = new HashMap<>(entity.fields());
        fields.putAll(changes);
        return new Entity(entity.schema(), entity.schema().validate(fields));
    }
}
