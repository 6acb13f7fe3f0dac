package io.tollgate.domain.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.domain.cache.CacheKeys;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TargetsTest {

    private static final String UPSTREAM = "5b2f0d4c-4a3e-4f6b-9a55-3c9e1f0b7d21";

    private static Map<String, Object> input(String target) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", UUID.randomUUID().toString());
        m.put("created_at", 1700000000.123);
        m.put("upstream", Map.of("id", UPSTREAM));
        m.put("target", target);
        return m;
    }

    @Test
    void the_target_is_normalised_with_the_default_port() {
        assertThat(Targets.SCHEMA.validate(input("backend.internal")))
                .containsEntry("target", "backend.internal:8000")
                .containsEntry("weight", 100L)
                .containsEntry("created_at", 1700000000.123);
        assertThat(Targets.SCHEMA.validate(input("10.0.0.1:81"))).containsEntry("target", "10.0.0.1:81");
        assertThat(Targets.SCHEMA.validate(input("::1"))).containsEntry("target", "[::1]:8000");
        assertThat(Targets.SCHEMA.validate(input("[::1]:9000"))).containsEntry("target", "[::1]:9000");
        assertThat(Targets.normalise("a.b")).contains("a.b:8000");
    }

    @Test
    void invalid_targets_weights_and_missing_upstreams_are_refused() {
        assertThatThrownBy(() -> Targets.SCHEMA.validate(input("not valid")))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields())
                                .containsEntry(
                                        "target", "Invalid target ('not valid'); not a valid hostname or ip address"));
        Map<String, Object> heavy = input("a");
        heavy.put("weight", 65536);
        assertThatThrownBy(() -> Targets.SCHEMA.validate(heavy))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).containsEntry("weight", "value should be between 0 and 65535"));
        Map<String, Object> orphan = input("a");
        orphan.remove("upstream");
        assertThatThrownBy(() -> Targets.SCHEMA.validate(orphan))
                .isInstanceOfSatisfying(
                        SchemaViolation.class,
                        e -> assertThat(e.fields()).containsEntry("upstream", "required field missing"));
    }

    @Test
    void cache_key_is_upstream_and_target_and_the_typed_view_reads_host_and_port() {
        Entity target = new Entity(Targets.SCHEMA, Targets.SCHEMA.validate(input("[::1]:9000")));
        WorkspaceId ws = new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-0000000000aa"));
        assertThat(CacheKeys.of(target, ws).value())
                .isEqualTo("targets:" + UPSTREAM + ":[::1]:9000::::00000000-0000-0000-0000-0000000000aa");
        Target view = Target.of(target);
        assertThat(view.host()).isEqualTo("::1");
        assertThat(view.port()).isEqualTo(9000);
        assertThat(view.weight()).isEqualTo(100);
        assertThat(view.upstream().value()).isEqualTo(UUID.fromString(UPSTREAM));
    }

    /**
     * Kong's 01-db/01-schema/08-targets_spec "validates", plus the declarative flatten spec's {@code hostname:1.0}
     * and the dotted-digit hosts Kong reads as IPv4 literals (Kong Manager's "create a target fail" with {@code 123}).
     */
    @Test
    void targets_validate_as_kong() {
        for (String ok : new String[] {"valid.name", "valid.name:8080", "12.34.56.78", "1.2.3.4:123"}) {
            assertThat(Targets.SCHEMA.validate(input(ok))).as(ok).containsKey("target");
        }
        for (String bad :
                new String[] {"\\\\bad\\\\////name////", "hostname:1.0", "123", "1.2.3", "300.0.0.1", "a.test:65536"}) {
            assertThatThrownBy(() -> Targets.SCHEMA.validate(input(bad)))
                    .as(bad)
                    .isInstanceOfSatisfying(
                            SchemaViolation.class,
                            e -> assertThat(e.fields())
                                    .isEqualTo(Map.of(
                                            "target",
                                            "Invalid target ('" + bad + "'); not a valid hostname or ip address")));
        }
    }
}
