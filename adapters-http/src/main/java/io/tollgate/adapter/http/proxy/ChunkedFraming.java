package io.tollgate.adapter.http.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The decoder of a chunked request body (RFC 9112 §7.1) with nginx's strictness, byte by byte and resumable: it
 * accepts what nginx's chunked parser accepts and refuses what it refuses, so that Kong's {@code 400 Bad request}
 * can answer a malformed body. A chunk size is one or more hex digits (at most {@code 2^63 - 1}), then a line end or
 * a chunk extension ({@code ;}, space or tab, skipped to the line end); the data is followed by a line end; a line end
 * is CRLF or a bare LF, as nginx reads it. After the last chunk ({@code 0}) come trailer lines and an empty line; as
 * nginx, the trailer lines are skipped unread (they are not forwarded), but unlike nginx they may take at most
 * {@link #MAX_TRAILER_BYTES} bytes in all. Anything else ends in a {@link MalformedChunkException}, and the decoder
 * stays broken.
 *
 * <p>Not thread-safe: one instance per request body, used by the thread reading that body.
 */
final class ChunkedFraming {

    /** The most bytes the trailer section may take (nginx's default large header buffer is 8 KiB). */
    static final int MAX_TRAILER_BYTES = 8192;

    /** The body's chunk framing is not what nginx accepts: Kong answers {@code 400 Bad request}. */
    static final class MalformedChunkException extends IOException {
        MalformedChunkException(String reason) {
            super("client sent invalid chunked body: " + reason);
        }
    }

    private enum State {
        SIZE_START,
        SIZE,
        EXTENSION,
        SIZE_LF,
        DATA,
        DATA_END,
        DATA_LF,
        TRAILER_START,
        TRAILER_LINE,
        TRAILER_LF,
        LAST_LF,
        ENDED,
        BROKEN
    }

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private State state = State.SIZE_START;
    private long size;
    private long remaining;
    private long data;
    private int trailerBytes;

    /**
     * Consumes framing from {@code raw} and moves chunk data into {@code dst}, until {@code dst} is full, {@code raw}
     * is empty or the body ended; what it did not consume stays in {@code raw}.
     *
     * @return the number of data bytes put into {@code dst}
     * @throws MalformedChunkException when the framing is malformed (then and from then on)
     */
    int decode(ByteBuffer raw, ByteBuffer dst) throws MalformedChunkException {
        int moved = 0;
        while (raw.hasRemaining() && state != State.ENDED) {
            if (state == State.DATA) {
                int n = (int) Math.min(Math.min(raw.remaining(), dst.remaining()), remaining);
                if (n == 0) {
                    return moved; // dst is full
                }
                int limit = raw.limit();
                raw.limit(raw.position() + n);
                dst.put(raw);
                raw.limit(limit);
                moved += n;
                remaining -= n;
                data += n;
                if (remaining == 0) {
                    state = State.DATA_END;
                }
                continue;
            }
            step(raw.get());
        }
        return moved;
    }

    /** @return whether the last chunk and the trailer section were read */
    boolean ended() {
        return state == State.ENDED;
    }

    /** @return the data bytes decoded so far */
    long data() {
        return data;
    }

    private void step(byte b) throws MalformedChunkException {
        switch (state) {
            case SIZE_START -> {
                int digit = Character.digit(b, 16);
                if (digit < 0) {
                    throw broken("a chunk size must start with a hex digit");
                }
                size = digit;
                state = State.SIZE;
            }
            case SIZE -> sizeByte(b);
            case EXTENSION -> {
                if (b == CR) {
                    state = State.SIZE_LF;
                } else if (b == LF) {
                    sizeEnded();
                }
            }
            case SIZE_LF -> {
                if (b != LF) {
                    throw broken("a chunk size line must end with CRLF");
                }
                sizeEnded();
            }
            case DATA_END -> {
                if (b == CR) {
                    state = State.DATA_LF;
                } else if (b == LF) {
                    state = State.SIZE_START;
                } else {
                    throw broken("chunk data must be followed by CRLF");
                }
            }
            case DATA_LF -> {
                if (b != LF) {
                    throw broken("chunk data must be followed by CRLF");
                }
                state = State.SIZE_START;
            }
            case TRAILER_START -> {
                if (b == CR) {
                    state = State.LAST_LF;
                } else if (b == LF) {
                    state = State.ENDED;
                } else {
                    trailerByte(b);
                    state = State.TRAILER_LINE;
                }
            }
            case TRAILER_LINE -> {
                if (b == CR) {
                    state = State.TRAILER_LF;
                } else if (b == LF) {
                    state = State.TRAILER_START;
                } else {
                    trailerByte(b);
                }
            }
            case TRAILER_LF -> {
                if (b != LF) {
                    throw broken("a trailer line must end with CRLF");
                }
                state = State.TRAILER_START;
            }
            case LAST_LF -> {
                if (b != LF) {
                    throw broken("the chunked body must end with CRLF");
                }
                state = State.ENDED;
            }
            case BROKEN -> throw new MalformedChunkException("already refused");
            case DATA, ENDED -> throw new IllegalStateException(state.name()); // decode handles both
        }
    }

    private void sizeByte(byte b) throws MalformedChunkException {
        int digit = Character.digit(b, 16);
        if (digit >= 0) {
            if (size > Long.MAX_VALUE / 16) {
                throw broken("chunk size too large");
            }
            size = size * 16 + digit;
        } else if (b == CR) {
            state = State.SIZE_LF;
        } else if (b == LF) {
            sizeEnded();
        } else if (b == ';' || b == ' ' || b == '\t') {
            state = State.EXTENSION;
        } else {
            throw broken("invalid character in a chunk size");
        }
    }

    private void sizeEnded() {
        remaining = size;
        state = size == 0 ? State.TRAILER_START : State.DATA;
    }

    private void trailerByte(byte b) throws MalformedChunkException {
        if (++trailerBytes > MAX_TRAILER_BYTES) {
            throw broken("trailer section too large");
        }
    }

    private MalformedChunkException broken(String reason) {
        state = State.BROKEN;
        return new MalformedChunkException(reason);
    }
}
