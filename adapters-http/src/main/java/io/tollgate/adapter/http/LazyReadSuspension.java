package io.tollgate.adapter.http;

import java.util.concurrent.atomic.AtomicInteger;
import org.xnio.conduits.AbstractStreamSourceConduit;
import org.xnio.conduits.ReadReadyHandler;
import org.xnio.conduits.StreamSourceConduit;

/**
 * A client connection's socket conduit that suspends reads lazily. Undertow's HTTP/1.1 server suspends reads on the
 * connection as soon as a request head is parsed and resumes them when the exchange completes; with XNIO each of those
 * changes the socket's epoll interest, two {@code epoll_ctl} calls per proxied request (about a tenth of the proxy's
 * CPU in a profile of the 1-route benchmark). Here a suspension only marks the conduit suspended: the socket stays
 * registered for reads, and only if it becomes readable while marked (a pipelined request, a half-close) is the
 * interest really removed, so a client that waits for its answer, as keep-alive clients do, costs no syscall. A resume
 * clears the mark, or restores the interest when it was really removed. The readiness the socket reports while
 * marked is never passed up: the conduits above see exactly the suspensions they asked for.
 *
 * <p>Thread-safe: Undertow suspends on the I/O thread and may resume from a worker thread; the state is one atomic.
 */
final class LazyReadSuspension extends AbstractStreamSourceConduit<StreamSourceConduit> {

    private static final int RESUMED = 0;
    /** Suspended by the conduits above; the socket's interest still includes reads. */
    private static final int MARKED = 1;
    /** Suspended, and the socket's read interest removed. */
    private static final int SUSPENDED = 2;

    private final AtomicInteger state = new AtomicInteger(RESUMED);

    LazyReadSuspension(StreamSourceConduit next) {
        super(next);
        // until Undertow resumes reads for its first request, the socket is not registered for them
        state.set(next.isReadResumed() ? RESUMED : SUSPENDED);
    }

    @Override
    public void suspendReads() {
        state.compareAndSet(RESUMED, MARKED);
    }

    @Override
    public void resumeReads() {
        if (state.getAndSet(RESUMED) == SUSPENDED) {
            next.resumeReads();
        }
    }

    @Override
    public void wakeupReads() {
        state.set(RESUMED);
        next.wakeupReads();
    }

    @Override
    public boolean isReadResumed() {
        return state.get() == RESUMED;
    }

    @Override
    public void setReadReadyHandler(ReadReadyHandler handler) {
        next.setReadReadyHandler(handler == null ? null : new Gate(handler));
    }

    /** Passes readiness up only while the conduits above have reads resumed. */
    private final class Gate implements ReadReadyHandler {

        private final ReadReadyHandler upper;

        Gate(ReadReadyHandler upper) {
            this.upper = upper;
        }

        @Override
        public void readReady() {
            if (state.get() != RESUMED) {
                next.suspendReads(); // readable while suspended above: now remove the interest for real
                if (state.compareAndSet(MARKED, SUSPENDED) || state.get() != RESUMED) {
                    return;
                }
                next.resumeReads(); // resumed meanwhile (another thread): restore the interest, deliver below
            }
            upper.readReady();
        }

        @Override
        public void forceTermination() {
            upper.forceTermination();
        }

        @Override
        public void terminated() {
            upper.terminated();
        }
    }
}
