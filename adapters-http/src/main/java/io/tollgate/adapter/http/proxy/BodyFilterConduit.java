package io.tollgate.adapter.http.proxy;

import io.tollgate.application.port.in.ResponsePhases;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.jspecify.annotations.Nullable;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Runs the plugins' {@code body_filter} over a response body as it is written (Kong's chunk-by-chunk filtering):
 * each write's bytes are copied, handed to {@link ResponsePhases#bodyFilter}, and what the plugins return is written
 * on; at the end ({@link #terminateWrites}) the plugins get a last, empty chunk.
 *
 * <p>Backpressure is kept: while the filtered bytes of a chunk are not all written downstream, writes accept nothing
 * (return 0) and {@link #flush} drains them first, so at most one filtered chunk is held. Runs on the I/O thread.
 */
final class BodyFilterConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final ResponsePhases phases;
    private @Nullable ByteBuffer pending;
    private boolean lastFiltered;
    private boolean nextTerminated;

    BodyFilterConduit(StreamSinkConduit next, ResponsePhases phases) {
        super(next);
        this.phases = phases;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!drain() || lastFiltered) {
            return 0;
        }
        int length = src.remaining();
        if (length == 0) {
            return 0;
        }
        ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(src).flip();
        pending = phases.bodyFilter(copy, false);
        drain();
        return length;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long written = 0;
        for (int i = offset; i < offset + length; i++) {
            if (!srcs[i].hasRemaining()) {
                continue;
            }
            int n = write(srcs[i]);
            written += n;
            if (n == 0) {
                break;
            }
        }
        return written;
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return Conduits.writeFinalBasic(this, src);
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return Conduits.writeFinalBasic(this, srcs, offset, length);
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return src.transferTo(position, count, new ConduitWritableByteChannel(this));
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return Conduits.transfer(source, count, throughBuffer, this);
    }

    @Override
    public void terminateWrites() throws IOException {
        if (!lastFiltered) {
            lastFiltered = true;
            if (drain()) {
                pending = phases.bodyFilter(EMPTY.duplicate(), true);
            } else {
                ByteBuffer held = pending;
                ByteBuffer tail = phases.bodyFilter(EMPTY.duplicate(), true);
                pending = concat(held, tail);
            }
        }
        if (drain()) {
            terminateNext();
        }
    }

    @Override
    public boolean flush() throws IOException {
        if (!drain()) {
            return false;
        }
        if (lastFiltered) {
            terminateNext();
        }
        return next.flush();
    }

    private void terminateNext() throws IOException {
        if (!nextTerminated) {
            nextTerminated = true;
            next.terminateWrites();
        }
    }

    /** Writes what is pending downstream; whether nothing is left. */
    private boolean drain() throws IOException {
        ByteBuffer held = pending;
        while (held != null && held.hasRemaining()) {
            if (next.write(held) == 0) {
                return false;
            }
        }
        pending = null;
        return true;
    }

    private static ByteBuffer concat(@Nullable ByteBuffer first, ByteBuffer second) {
        int size = (first == null ? 0 : first.remaining()) + second.remaining();
        ByteBuffer both = ByteBuffer.allocate(size);
        if (first != null) {
            both.put(first);
        }
        return both.put(second).flip();
    }
}
