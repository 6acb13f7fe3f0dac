package io.tollgate.domain.consumer;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.entity.Entity;
import java.util.Objects;
import org.jmolecules.ddd.types.AggregateRoot;
import org.jspecify.annotations.Nullable;

/** A Kong consumer: someone who uses the APIs, identified by credentials. */
public record Consumer(
        ConsumerId id, @Nullable String username, @Nullable String customId)
        implements AggregateRoot<Consumer, ConsumerId> {

    public Consumer {
        Objects.requireNonNull(id, "id");
    }

    /** Reads a validated {@code consumers} entity. */
    public static Consumer of(Entity entity) {
        if (entity.schema().kind() != EntityKind.CONSUMERS) {
            throw new IllegalArgumentException(
                    "not a consumer: " + entity.schema().name());
        }
        return new Consumer(
                new ConsumerId(entity.id()), entity.stringOrNull("username"), entity.stringOrNull("custom_id"));
    }

    @Override
    public ConsumerId getId() {
        return id;
    }
}
