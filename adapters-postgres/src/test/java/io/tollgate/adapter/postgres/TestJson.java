package io.tollgate.adapter.postgres;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.application.plugin.spi.JsonCodec;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The node's {@link JsonCodec} behaviour on Jackson, for tests that build the Admin API's use cases by hand. */
final class TestJson implements JsonCodec {

    static final JsonCodec CODEC = new TestJson();

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @Override
    public @Nullable Object read(byte[] json) {
        try {
            return mapper.readValue(json, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] write(@Nullable Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON-shaped: " + e.getMessage(), e);
        }
    }
}
