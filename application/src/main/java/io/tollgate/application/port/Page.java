package io.tollgate.application.port;

import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One page of entities.
 *
 * @param next the id to continue after, or {@code null} on the last page
 */
public record Page(List<Entity> data, @Nullable UUID next) {
    public Page {
        data = List.copyOf(data);
    }
}
