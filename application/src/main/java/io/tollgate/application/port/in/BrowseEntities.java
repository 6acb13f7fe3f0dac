package io.tollgate.application.port.in;

import io.tollgate.application.port.TagPage;
import io.tollgate.application.port.TagPageRequest;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import java.util.Optional;

/**
 * Admin API reads beyond {@link AdministerEntities}: a lookup by any unique field (Kong's
 * {@code GET /consumers?custom_id=}) and Kong's tag listing ({@code GET /tags}, {@code GET /tags/{tag}}). Reads come
 * from the database, never from a cache; both throw {@link io.tollgate.application.port.DatabaseUnavailable} when
 * it fails.
 */
public interface BrowseEntities {

    /**
     * The entity of {@code schema} whose unique {@code field} equals {@code value} (Kong's {@code select_by_<field>}).
     *
     * @throws IllegalArgumentException when {@code field} is not a unique field of {@code schema}
     */
    Optional<Entity> findByUnique(EntitySchema schema, String field, String value);

    /** One page of (tag, entity) rows over every schema that has tags. */
    TagPage tags(TagPageRequest request);
}
