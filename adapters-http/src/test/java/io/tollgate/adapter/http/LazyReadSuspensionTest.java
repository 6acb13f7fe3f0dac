package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSinkChannel;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

class LazyReadSuspensionTest {

    private final Socket socket = new Socket();
    private final List<String> delivered = new ArrayList<>();

    private LazyReadSuspension conduit() {
        LazyReadSuspension conduit = new LazyReadSuspension(socket);
        conduit.setReadReadyHandler(new ReadReadyHandler() {
            @Override
            public void readReady() {
                delivered.add("ready");
            }

            @Override
            public void forceTermination() {}

            @Override
            public void terminated() {}
        });
        conduit.resumeReads(); // Undertow resumes reads for the connection's first request
        socket.interestChanges.clear();
        return conduit;
    }

    @Test
    void a_suspension_that_ends_before_the_socket_is_readable_changes_no_interest() {
        LazyReadSuspension conduit = conduit();

        conduit.suspendReads(); // a request head parsed
        assertThat(conduit.isReadResumed()).isFalse();
        conduit.resumeReads(); // its exchange completed

        assertThat(socket.interestChanges).isEmpty();
        assertThat(conduit.isReadResumed()).isTrue();
        socket.readable();
        assertThat(delivered).containsExactly("ready");
    }

    @Test
    void readiness_while_suspended_removes_the_interest_for_real_and_is_not_passed_up() {
        LazyReadSuspension conduit = conduit();

        conduit.suspendReads();
        socket.readable(); // a pipelined request arrives while the first one runs
        assertThat(delivered).isEmpty();
        assertThat(socket.interestChanges).containsExactly("suspend");
        socket.readable(); // a stale event: still nothing passed up, nothing changed again
        assertThat(delivered).isEmpty();

        conduit.resumeReads();
        assertThat(socket.interestChanges).containsExactly("suspend", "resume");
        socket.readable();
        assertThat(delivered).containsExactly("ready");
    }

    @Test
    void a_connection_not_yet_reading_is_resumed_for_real() {
        LazyReadSuspension conduit = new LazyReadSuspension(socket);
        assertThat(conduit.isReadResumed()).isFalse();
        conduit.resumeReads();
        assertThat(socket.interestChanges).containsExactly("resume");
    }

    @Test
    void a_wakeup_resumes_and_reaches_the_socket() {
        LazyReadSuspension conduit = conduit();
        conduit.suspendReads();
        conduit.wakeupReads();
        assertThat(conduit.isReadResumed()).isTrue();
        assertThat(socket.interestChanges).containsExactly("wakeup");
    }

    /** The socket's conduit, recording its interest changes; readiness is delivered only while it is resumed. */
    private static final class Socket implements StreamSourceConduit {

        final List<String> interestChanges = new ArrayList<>();
        private boolean resumed;
        private ReadReadyHandler handler;

        void readable() {
            if (resumed) {
                handler.readReady();
            }
        }

        @Override
        public void resumeReads() {
            resumed = true;
            interestChanges.add("resume");
        }

        @Override
        public void suspendReads() {
            resumed = false;
            interestChanges.add("suspend");
        }

        @Override
        public void wakeupReads() {
            resumed = true;
            interestChanges.add("wakeup");
        }

        @Override
        public boolean isReadResumed() {
            return resumed;
        }

        @Override
        public void setReadReadyHandler(ReadReadyHandler handler) {
            this.handler = handler;
        }

        @Override
        public long transferTo(long position, long count, FileChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferTo(long count, ByteBuffer throughBuffer, StreamSinkChannel target) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(ByteBuffer dst) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long read(ByteBuffer[] dsts, int offs, int len) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void terminateReads() {}

        @Override
        public boolean isReadShutdown() {
            return false;
        }

        @Override
        public void awaitReadable() {}

        @Override
        public void awaitReadable(long time, TimeUnit timeUnit) {}

        @Override
        public XnioIoThread getReadThread() {
            throw new UnsupportedOperationException();
        }

        @Override
        public XnioWorker getWorker() {
            throw new UnsupportedOperationException();
        }
    }
}
