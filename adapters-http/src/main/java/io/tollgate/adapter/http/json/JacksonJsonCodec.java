package io.tollgate.adapter.http.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.tollgate.application.plugin.spi.JsonCodec;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The plugins' {@link JsonCodec}, backed by Jackson: integers read as {@link Long} (or {@link java.math.BigInteger}),
 * objects as insertion-ordered maps, a document followed by anything but white space refused; other numbers written
 * as Kong's encoder writes them ({@link CjsonNumberSerializer}: {@code 1.234567891011121e+16}). Thread-safe.
 */
public final class JacksonJsonCodec implements JsonCodec {

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .registerModule(new SimpleModule().addSerializer(Double.class, new CjsonNumberSerializer()));

    @Override
    public @Nullable Object read(byte[] json) {
        try {
            return mapper.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] write(@Nullable Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
