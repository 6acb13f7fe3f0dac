package io.tollgate.application.proxy;

import io.tollgate.application.plugin.spi.JsonCodec;
import org.jspecify.annotations.Nullable;

/** A {@link JsonCodec} for tests whose plugins never parse JSON: any use fails the test. */
public final class NoJson implements JsonCodec {

    public static final NoJson CODEC = new NoJson();

    private NoJson() {}

    @Override
    public @Nullable Object read(byte[] json) {
        throw new UnsupportedOperationException("this test's plugins do not read JSON");
    }

    @Override
    public byte[] write(@Nullable Object value) {
        throw new UnsupportedOperationException("this test's plugins do not write JSON");
    }
}
