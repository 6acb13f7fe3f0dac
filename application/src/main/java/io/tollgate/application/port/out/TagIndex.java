package io.tollgate.application.port.out;

import io.tollgate.application.port.TagPage;
import io.tollgate.application.port.TagPageRequest;

/**
 * Kong's {@code tags} view: every (tag, entity) pair over the entity schemas that have a {@code tags} field,
 * derived from the entity tables themselves (no separate table to keep in step).
 */
public interface TagIndex {

    /**
     * One page of rows ordered by {@code (entity_id, entity_name, tag)}, only those of {@code request.tag()} when set.
     *
     * @throws io.tollgate.application.port.DatabaseUnavailable when the database fails
     */
    TagPage page(TagPageRequest request);
}
