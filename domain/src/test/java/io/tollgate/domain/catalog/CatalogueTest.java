package io.tollgate.domain.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CatalogueTest {

    @Test
    void every_kind_has_its_own_schema_and_a_schema_only_references_kinds_declared_before_it() {
        for (EntityKind kind : EntityKind.values()) {
            EntitySchema schema = Schemas.of(kind);
            assertThat(schema.kind()).isEqualTo(kind);
            assertThat(schema.name()).isEqualTo(kind.kongName());
            for (FieldSpec field : schema.foreignFields()) {
                assertThat(field.reference())
                        .as("%s.%s", kind, field.name())
                        .isNotNull()
                        .isLessThan(kind);
            }
        }
        assertThat(Schemas.ALL).extracting(EntitySchema::kind).containsExactly(EntityKind.values());
    }

    @Test
    void names_and_admin_paths_are_unique_and_found_back() {
        List<EntityKind> kinds = Arrays.asList(EntityKind.values());
        assertThat(kinds.stream().map(EntityKind::kongName)).doesNotHaveDuplicates();
        assertThat(kinds.stream().map(EntityKind::adminPath)).doesNotHaveDuplicates();
        for (EntityKind kind : kinds) {
            assertThat(EntityKind.byKongName(kind.kongName())).contains(kind);
            assertThat(EntityKind.byAdminPath(kind.adminPath())).contains(kind);
            assertThat(Schemas.byName(kind.kongName())).contains(Schemas.of(kind));
        }
        assertThat(EntityKind.byKongName("nope")).isEmpty();
        assertThat(EntityKind.byAdminPath("keyauth_credentials")).isEmpty();
        assertThat(EntityKind.KEYAUTH_CREDENTIALS.adminPath()).isEqualTo("key-auths");
        assertThat(EntityKind.KEYAUTH_CREDENTIALS.nestedPath()).isEqualTo("key-auth");
    }

    @Test
    void kongs_bump_rules() {
        assertThat(EntityKind.SERVICES.bumps(EntityChange.CREATED)).isEmpty();
        assertThat(EntityKind.SERVICES.bumps(EntityChange.UPDATED)).containsExactly(VersionKey.ROUTER);
        assertThat(EntityKind.SERVICES.bumps(EntityChange.DELETED)).isEmpty();
        for (EntityChange change : EntityChange.values()) {
            assertThat(EntityKind.ROUTES.bumps(change)).containsExactly(VersionKey.ROUTER);
            assertThat(EntityKind.PLUGINS.bumps(change)).containsExactly(VersionKey.PLUGINS);
            assertThat(EntityKind.TARGETS.bumps(change))
                    .containsExactlyInAnyOrder(VersionKey.BALANCER, VersionKey.HEALTHCHECKS);
            assertThat(EntityKind.SNIS.bumps(change)).containsExactly(VersionKey.CERTIFICATES);
            assertThat(EntityKind.CONSUMERS.bumps(change)).isEmpty();
        }
    }

    @Test
    void only_ca_certificates_are_not_workspaceable_and_only_targets_lack_top_level_endpoints() {
        assertThat(Arrays.stream(EntityKind.values()).filter(k -> !k.isWorkspaceable()))
                .containsExactly(EntityKind.CA_CERTIFICATES);
        assertThat(Arrays.stream(EntityKind.values()).filter(k -> !k.hasTopLevelEndpoints()))
                .containsExactly(EntityKind.TARGETS);
        assertThat(EntityKind.ACLS.nestedKey()).contains("group");
    }
}
