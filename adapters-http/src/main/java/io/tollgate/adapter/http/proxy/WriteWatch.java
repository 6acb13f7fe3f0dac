package io.tollgate.adapter.http.proxy;

import io.undertow.channels.DetachableStreamSinkChannel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.channels.StreamSourceChannel;

/**
 * The upstream request channel as the proxy writes the request body into it: tells the {@link ResponseWatch} of
 * every write that made progress and of the end of the body, so that {@code write_timeout} measures the time
 * between two successive writes (nginx's {@code proxy_send_timeout}), and {@code read_timeout} starts once the body
 * is sent. Everything else delegates.
 */
final class WriteWatch extends DetachableStreamSinkChannel {

    private final ResponseWatch watch;

    WriteWatch(StreamSinkChannel delegate, ResponseWatch watch) {
        super(delegate);
        this.watch = watch;
        watch.writeStarted();
    }

    @Override
    protected boolean isFinished() {
        return false;
    }

    private <T extends Number> T progress(T written) {
        if (written.longValue() > 0) {
            watch.wrote();
        }
        return written;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return progress(super.write(src));
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return progress(super.write(srcs, offset, length));
    }

    @Override
    public long write(ByteBuffer[] srcs) throws IOException {
        return progress(super.write(srcs));
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return progress(super.writeFinal(src));
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return progress(super.writeFinal(srcs, offset, length));
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs) throws IOException {
        return progress(super.writeFinal(srcs));
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return progress(super.transferFrom(src, position, count));
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return progress(super.transferFrom(source, count, throughBuffer));
    }

    @Override
    public void shutdownWrites() throws IOException {
        super.shutdownWrites();
        watch.writeDone();
    }
}
