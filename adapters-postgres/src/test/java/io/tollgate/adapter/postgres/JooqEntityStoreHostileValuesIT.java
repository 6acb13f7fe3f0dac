package io.tollgate.adapter.postgres;

import static io.tollgate.adapter.postgres.Fixtures.consumer;
import static io.tollgate.adapter.postgres.Fixtures.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.shared.SchemaViolation;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Values the schemas accept but PostgreSQL cannot store (found by bootstrap's AdminFuzzIT, which saw them answered
 * with a 500): they are the client's fault, so they become a 400 schema violation and nothing is written.
 */
class JooqEntityStoreHostileValuesIT extends DatabaseIT {

    @Test
    void a_nul_character_is_a_schema_violation_and_writes_nothing() {
        SchemaViolation refused =
                catchThrowableOfType(SchemaViolation.class, () -> writes.insert(consumer("a\u0000b", null)));
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.fields()).containsOnlyKeys("@entity");
        assertThat((List<?>) refused.fields().get("@entity"))
                .singleElement()
                .asString()
                .startsWith("value cannot be stored: ");
        assertThat(store.all(Consumers.SCHEMA)).isEmpty();

        Entity alice = consumer("alice", null);
        writes.insert(alice);
        catchThrowableOfType(SchemaViolation.class, () -> writes.update(with(alice, Map.of("custom_id", "\u0000"))));
        assertThat(store.findBy(Consumers.SCHEMA, "username", "alice"))
                .hasValueSatisfying(found -> assertThat(found.get("custom_id")).isNull());
    }

    @Test
    void a_value_too_large_for_its_unique_index_is_a_schema_violation() {
        StringBuilder huge = new StringBuilder();
        Random random = new Random(1);
        while (huge.length() < 100_000) {
            huge.append(Long.toString(random.nextLong(), 36)); // incompressible, beyond PostgreSQL's index row limit
        }
        Entity giant = consumer(huge.toString(), null);
        SchemaViolation refused = catchThrowableOfType(SchemaViolation.class, () -> writes.insert(giant));
        assertThat(refused.getMessage()).contains("value cannot be stored").doesNotContain("SQL");
        assertThat(store.all(Consumers.SCHEMA)).isEmpty();
    }

    @Test
    void looking_up_a_key_with_a_nul_character_finds_nothing() {
        writes.insert(consumer("alice", null));
        assertThat(store.findBy(Consumers.SCHEMA, "username", "alice\u0000")).isEmpty();
        assertThat(store.findBy(Consumers.SCHEMA, "username", "\u0000")).isEmpty();
    }
}
