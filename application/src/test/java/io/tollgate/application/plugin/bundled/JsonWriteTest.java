package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JsonWriteTest {

    @Test
    void writes_maps_lists_numbers_and_strings() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "a\"b");
        value.put("n", 1.0);
        value.put("f", 1.5);
        value.put("l", 7L);
        value.put("b", false);
        value.put("z", null);
        value.put("list", List.of("x", 2));
        value.put("id", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        value.put("nested", Map.of("id", "r"));
        assertThat(Json.write(value))
                .isEqualTo("{\"s\":\"a\\\"b\",\"n\":1,\"f\":1.5,\"l\":7,\"b\":false,\"z\":null,\"list\":[\"x\",2],"
                        + "\"id\":\"00000000-0000-0000-0000-000000000001\",\"nested\":{\"id\":\"r\"}}");
    }
}
