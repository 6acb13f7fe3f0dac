package io.tollgate.application.port;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of {@link TaggedEntity} rows, in the order {@code (entity_id, entity_name, tag)}.
 *
 * @param next the row to continue after ({@link TagPageRequest#after()}), or {@code null} on the last page
 */
public record TagPage(List<TaggedEntity> data, @Nullable TaggedEntity next) {
    public TagPage {
        data = List.copyOf(data);
    }
}
