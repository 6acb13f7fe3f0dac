package io.tollgate.domain.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kong's {@code spec/01-unit/01-db/01-schema/14-consumers_spec.lua}. Kong's input also sets the
 * Enterprise-only consumer {@code type}, which Kong Gateway's open-source {@code consumers} schema (and Tollgate's)
 * does not have; it is left out.
 */
class KongConsumersSchemaSpecTest {

    /** 14-consumers_spec: "accepts valid names". */
    @Test
    void accepts_valid_names() {
        List<String> names = List.of(
                "example",
                "EXAMPLE",
                "exa.mp.le",
                "3x4mp13",
                "3x4-mp-13",
                "3x4_mp_13",
                "~3x4~mp~13",
                "~3..x4~.M-p~1__3_",
                "孔",
                "Конг",
                "🦍");
        for (String name : names) {
            assertThat(Consumers.SCHEMA.validate(Map.of("username", name)))
                    .as(name)
                    .containsEntry("username", name);
        }
    }
}
