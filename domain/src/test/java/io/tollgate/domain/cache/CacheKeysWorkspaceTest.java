package io.tollgate.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A cache key ends with its own workspace's id, also when keys of two workspaces are made in turn. */
class CacheKeysWorkspaceTest {

    @Test
    void each_key_ends_with_the_workspace_it_was_made_for() {
        WorkspaceId one = new WorkspaceId(UUID.randomUUID());
        WorkspaceId two = new WorkspaceId(UUID.randomUUID());
        UUID id = UUID.randomUUID();

        for (int i = 0; i < 3; i++) {
            assertThat(CacheKeys.of(EntityKind.SERVICES, one, id).value())
                    .isEqualTo("services:" + id + ":::::" + one.value());
            assertThat(CacheKeys.of(EntityKind.SERVICES, two, id).value())
                    .isEqualTo("services:" + id + ":::::" + two.value());
        }
    }
}
