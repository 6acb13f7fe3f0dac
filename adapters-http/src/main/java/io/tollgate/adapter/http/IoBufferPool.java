package io.tollgate.adapter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The buffers of every listener and upstream connection of a node (Undertow's {@link ByteBufferPool}), with no lock
 * on allocate or free. Undertow 2.4's own pool finds a thread's cached buffers in a synchronized map on every
 * allocate and every free: 3 to 6 % of the proxy's CPU samples went there in the benchmark's profiles. Here each
 * thread keeps its buffers in a {@link ThreadLocal} stack of at most {@code perThread}; a thread keeps a freed
 * buffer only while it has freed fewer than it allocated, so a thread that only frees (a worker finishing what an
 * I/O thread began) hands them to a shared lock-free queue of at most {@code shared} buffers, where any thread's
 * next allocate finds them; so does a virtual thread, which keeps none. A buffer that finds no room anywhere is
 * dropped, for the garbage collector to free (Undertow's pool frees a direct buffer at once, through
 * {@code sun.misc.Unsafe.invokeCleaner}, which JDK 25 warns will be removed; past the bounds that is rare).
 *
 * <p>Every {@link #allocate()} returns a fresh {@link PooledByteBuffer} handle, cleared; closing it twice is harmless,
 * and {@link PooledByteBuffer#getBuffer()} on a closed handle throws {@link IllegalStateException}, as Undertow's
 * does. After {@link #close()} (Undertow's {@code stop}) allocate throws {@link IllegalStateException} and buffers
 * still out are dropped when freed.
 */
final class IoBufferPool implements ByteBufferPool {

    private final boolean direct;
    private final int bufferSize;
    private final int perThread;
    private final int shared;
    private final ThreadLocal<ThreadCache> caches;
    private final ConcurrentLinkedQueue<ByteBuffer> overflow = new ConcurrentLinkedQueue<>();
    private final AtomicInteger overflowCount = new AtomicInteger();
    /** The heap-buffer pool Undertow asks a direct pool for; {@code null} when this pool is on the heap. */
    private final @Nullable IoBufferPool arrayBacked;

    private volatile boolean closed;

    /**
     * @param direct whether the buffers are direct (off-heap) rather than heap arrays
     * @param bufferSize each buffer's capacity in bytes
     * @param perThread the most free buffers one thread keeps for itself
     * @param shared the most free buffers kept for any thread
     * @throws IllegalArgumentException if {@code bufferSize < 1} or a count is negative
     */
    IoBufferPool(boolean direct, int bufferSize, int perThread, int shared) {
        if (bufferSize < 1 || perThread < 0 || shared < 0) {
            throw new IllegalArgumentException("buffer size must be positive and counts not negative");
        }
        this.direct = direct;
        this.bufferSize = bufferSize;
        this.perThread = perThread;
        this.shared = shared;
        this.caches = ThreadLocal.withInitial(() -> new ThreadCache(perThread));
        this.arrayBacked = direct ? new IoBufferPool(false, bufferSize, perThread, shared) : null;
    }

    @Override
    public PooledByteBuffer allocate() {
        if (closed) {
            throw new IllegalStateException("the buffer pool is closed");
        }
        ThreadCache cache = cache();
        ByteBuffer buffer = cache == null ? null : cache.pop();
        if (buffer == null) {
            buffer = overflow.poll();
            if (buffer != null) {
                overflowCount.decrementAndGet();
            } else {
                buffer = direct ? ByteBuffer.allocateDirect(bufferSize) : ByteBuffer.allocate(bufferSize);
            }
        }
        if (cache != null) {
            cache.outstanding++;
        }
        buffer.clear();
        return new Handle(this, buffer);
    }

    private void free(ByteBuffer buffer) {
        if (!closed) {
            ThreadCache cache = cache();
            if (cache != null && cache.outstanding > 0) {
                cache.outstanding--;
                if (cache.push(buffer)) {
                    return;
                }
            }
            if (overflowCount.incrementAndGet() <= shared) {
                overflow.offer(buffer);
                return;
            }
            overflowCount.decrementAndGet();
        }
        // dropped: the garbage collector frees it (a direct buffer's memory with it)
    }

    /**
     * The current thread's cache; none on a virtual thread, which is usually short-lived: buffers it kept would leave
     * the pool with it, so it uses the shared queue only.
     */
    private @Nullable ThreadCache cache() {
        return Thread.currentThread().isVirtual() ? null : caches.get();
    }

    @Override
    public ByteBufferPool getArrayBackedPool() {
        return arrayBacked == null ? this : arrayBacked;
    }

    /** Refuses further allocations and drops the shared buffers; threads' own buffers go with their threads. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        overflow.clear();
        overflowCount.set(0);
        if (arrayBacked != null) {
            arrayBacked.close();
        }
    }

    @Override
    public int getBufferSize() {
        return bufferSize;
    }

    @Override
    public boolean isDirect() {
        return direct;
    }

    /** How many free buffers wait in the shared queue (for tests and diagnostics). */
    int sharedCount() {
        return overflowCount.get();
    }

    @Override
    public String toString() {
        return "IoBufferPool[" + (direct ? "direct " : "heap ") + bufferSize + " B, " + perThread + " per thread, "
                + shared + " shared]";
    }

    /** One thread's free buffers (a stack) and how many it has allocated and not yet freed. */
    private static final class ThreadCache {
        private final ByteBuffer[] stack;
        private int size;
        int outstanding;

        ThreadCache(int capacity) {
            this.stack = new ByteBuffer[capacity];
        }

        @Nullable
        ByteBuffer pop() {
            if (size == 0) {
                return null;
            }
            ByteBuffer buffer = stack[--size];
            stack[size] = null;
            return buffer;
        }

        boolean push(ByteBuffer buffer) {
            if (size == stack.length) {
                return false;
            }
            stack[size++] = buffer;
            return true;
        }
    }

    /** One allocation: the first {@link #close()} returns the buffer to its pool, later ones do nothing. */
    private static final class Handle implements PooledByteBuffer {
        private static final VarHandle BUFFER;

        static {
            try {
                BUFFER = MethodHandles.lookup().findVarHandle(Handle.class, "buffer", ByteBuffer.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final IoBufferPool pool;
        private volatile @Nullable ByteBuffer buffer;

        Handle(IoBufferPool pool, ByteBuffer buffer) {
            this.pool = pool;
            this.buffer = buffer;
        }

        @Override
        public ByteBuffer getBuffer() {
            ByteBuffer current = buffer;
            if (current == null) {
                throw new IllegalStateException("the buffer was already freed");
            }
            return current;
        }

        @Override
        public void close() {
            ByteBuffer current = buffer;
            if (current != null && BUFFER.compareAndSet(this, current, null)) {
                pool.free(current);
            }
        }

        @Override
        public boolean isOpen() {
            return buffer != null;
        }

        @Override
        public String toString() {
            return "PooledByteBuffer[" + buffer + "]";
        }
    }
}
