package io.tollgate.domain.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.VersionKey;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link CacheKeys#kindOf}: every kind's keys map back to it; other keys to none. */
class CacheKeysKindTest {

    private final WorkspaceId workspace = new WorkspaceId(UUID.randomUUID());

    @Test
    void every_kinds_cache_key_maps_back_to_its_kind() {
        for (EntityKind kind : EntityKind.values()) {
            CacheKey built = CacheKeys.of(kind, workspace, UUID.randomUUID());
            assertThat(CacheKeys.kindOf(built)).as(kind.kongName()).isEqualTo(kind);
            CacheKey parsed = new CacheKey(built.value());
            assertThat(parsed.kind()).as("%s from its text", kind.kongName()).isEqualTo(kind);
            assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
            assertThat(CacheKeys.kindOf(CacheKeys.of(kind, workspace)))
                    .as(kind.kongName())
                    .isEqualTo(kind);
        }
        assertThat(CacheKeys.kindOf(new CacheKey("snis:example.com"))).isEqualTo(EntityKind.SNIS);
        assertThat(CacheKeys.kindOf(new CacheKey("balancer:upstreams"))).isEqualTo(EntityKind.UPSTREAMS);
        assertThat(CacheKeys.kindOf(new CacheKey("balancer:upstreams:" + UUID.randomUUID())))
                .isEqualTo(EntityKind.UPSTREAMS);
    }

    @Test
    void version_keys_and_look_alike_prefixes_map_to_no_kind() {
        for (VersionKey version : VersionKey.values()) {
            assertThat(CacheKeys.kindOf(new CacheKey(version.key())))
                    .as(version.key())
                    .isNull();
        }
        assertThat(CacheKeys.kindOf(new CacheKey("consumers"))).as("no colon").isNull();
        assertThat(CacheKeys.kindOf(new CacheKey("consumersx:a:::::"))).isNull();
        assertThat(CacheKeys.kindOf(new CacheKey("balancer:targets"))).isNull();
    }
}
