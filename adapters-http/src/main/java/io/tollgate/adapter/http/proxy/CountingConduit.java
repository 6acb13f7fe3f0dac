package io.tollgate.adapter.http.proxy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;

/**
 * Counts the response body bytes written to the client (for Kong's {@code response.size}, nginx's
 * {@code $bytes_sent}); added only when a collected plugin has a {@code log} phase. Runs on the I/O thread.
 */
final class CountingConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {

    private long bytes;

    CountingConduit(StreamSinkConduit next) {
        super(next);
    }

    /** The body bytes the next conduit accepted so far. */
    long bytes() {
        return bytes;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = next.write(src);
        bytes += n;
        return n;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = next.write(srcs, offset, length);
        bytes += n;
        return n;
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        int n = next.writeFinal(src);
        bytes += n;
        return n;
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        long n = next.writeFinal(srcs, offset, length);
        bytes += n;
        return n;
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return src.transferTo(position, count, new ConduitWritableByteChannel(this));
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return Conduits.transfer(source, count, throughBuffer, this);
    }
}
