package io.tollgate.domain.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * The id of Kong's single open-source workspace, {@code default}. It has no behaviour of its own, but it is the
 * last part of every cache key ({@code services:<id>:::::<ws_id>}), so Kong tooling that computes keys still works.
 */
public record WorkspaceId(UUID value) {
    public WorkspaceId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
