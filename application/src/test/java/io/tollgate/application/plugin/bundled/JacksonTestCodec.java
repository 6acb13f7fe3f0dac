package io.tollgate.application.plugin.bundled;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.application.plugin.spi.JsonCodec;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The plugins' {@link JsonCodec} for application tests, on Jackson as the node's is (the node's lives in an adapter). */
public final class JacksonTestCodec implements JsonCodec {

    public static final JsonCodec CODEC = new JacksonTestCodec();

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
            throw new IllegalArgumentException("cannot write as JSON: " + e.getMessage(), e);
        }
    }
}
