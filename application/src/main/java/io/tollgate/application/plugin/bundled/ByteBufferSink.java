package io.tollgate.application.plugin.bundled;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** A growing copy of a response body's chunks, up to a bound. Not thread-safe (one request's phases). */
final class ByteBufferSink {

    private final long limit;
    private byte[] bytes = new byte[256];
    private int size;

    /** @param limit the most bytes kept */
    ByteBufferSink(long limit) {
        this.limit = limit;
    }

    /**
     * Copies the chunk's remaining bytes without moving its position.
     *
     * @return {@code false} when the bytes so far would exceed the limit (nothing copied)
     */
    boolean append(ByteBuffer chunk) {
        int length = chunk.remaining();
        if ((long) size + length > limit) {
            return false;
        }
        if (size + length > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
        }
        chunk.duplicate().get(bytes, size, length);
        size += length;
        return true;
    }

    /** How many bytes were copied. */
    int size() {
        return size;
    }

    /** The bytes copied so far, in a new array of their exact length. */
    byte[] bytes() {
        return Arrays.copyOf(bytes, size);
    }
}
