package io.tollgate.adapter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.undertow.connector.PooledByteBuffer;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class IoBufferPoolTest {

    @Test
    void aFreedBufferIsReusedClearedByTheSameThread() {
        IoBufferPool pool = new IoBufferPool(false, 64, 4, 4);
        PooledByteBuffer first = pool.allocate();
        ByteBuffer buffer = first.getBuffer();
        buffer.putLong(42L).flip();
        first.close();

        PooledByteBuffer second = pool.allocate();

        assertThat(second.getBuffer()).isSameAs(buffer);
        assertThat(second.getBuffer().position()).isZero();
        assertThat(second.getBuffer().limit()).isEqualTo(64);
        assertThat(pool.sharedCount()).isZero();
    }

    @Test
    void closingAHandleTwiceFreesItsBufferOnce() {
        IoBufferPool pool = new IoBufferPool(false, 64, 4, 4);
        PooledByteBuffer handle = pool.allocate();
        handle.close();
        handle.close();

        assertThat(handle.isOpen()).isFalse();
        assertThatThrownBy(handle::getBuffer).isInstanceOf(IllegalStateException.class);
        // freed twice, the same buffer would be handed out twice
        assertThat(pool.allocate().getBuffer()).isNotSameAs(pool.allocate().getBuffer());
    }

    @Test
    void aThreadThatOnlyFreesHandsItsBuffersToEveryThread() throws Exception {
        IoBufferPool pool = new IoBufferPool(false, 64, 4, 4);
        PooledByteBuffer handle = pool.allocate();
        ByteBuffer buffer = handle.getBuffer();

        Thread freeing = new Thread(handle::close);
        freeing.start();
        freeing.join();

        assertThat(pool.sharedCount()).isEqualTo(1);
        assertThat(pool.allocate().getBuffer()).isSameAs(buffer);
        assertThat(pool.sharedCount()).isZero();
    }

    @Test
    void aVirtualThreadKeepsNoBufferForItself() throws Exception {
        IoBufferPool pool = new IoBufferPool(false, 64, 4, 4);
        ByteBuffer[] used = new ByteBuffer[1];

        Thread.ofVirtual()
                .start(() -> {
                    PooledByteBuffer handle = pool.allocate();
                    used[0] = handle.getBuffer();
                    handle.close();
                })
                .join();

        assertThat(pool.sharedCount()).isEqualTo(1);
        assertThat(pool.allocate().getBuffer()).isSameAs(used[0]);
    }

    @Test
    void keepsAtMostItsBoundsOfFreeBuffers() {
        IoBufferPool pool = new IoBufferPool(false, 64, 2, 1);
        List<PooledByteBuffer> handles = allocate(pool, 4);
        Set<ByteBuffer> first = identities(handles);
        handles.forEach(PooledByteBuffer::close);

        assertThat(pool.sharedCount()).isEqualTo(1);
        Set<ByteBuffer> second = identities(allocate(pool, 4));
        second.retainAll(first);
        assertThat(second).hasSize(3); // two kept by this thread, one shared, one dropped
    }

    @Test
    void aClosedPoolRefusesAllocationsAndKeepsNothingThatComesBack() {
        IoBufferPool pool = new IoBufferPool(true, 64, 4, 4);
        PooledByteBuffer out = pool.allocate();
        pool.close();

        assertThatThrownBy(pool::allocate).isInstanceOf(IllegalStateException.class);
        out.close();
        assertThat(out.isOpen()).isFalse();
        assertThat(pool.sharedCount()).isZero();
    }

    @Test
    void aDirectPoolOffersAHeapPoolOfTheSameSize() {
        IoBufferPool direct = new IoBufferPool(true, 128, 4, 4);
        IoBufferPool heap = new IoBufferPool(false, 128, 4, 4);

        assertThat(direct.allocate().getBuffer().isDirect()).isTrue();
        assertThat(direct.getArrayBackedPool().isDirect()).isFalse();
        assertThat(direct.getArrayBackedPool().getBufferSize()).isEqualTo(128);
        assertThat(direct.getArrayBackedPool().allocate().getBuffer().hasArray())
                .isTrue();
        assertThat(heap.getArrayBackedPool()).isSameAs(heap);
    }

    /**
     * Four threads allocate, hand half their buffers to each other and free what they are handed: a buffer must
     * never be out twice at once, and each holder finds in it what it wrote.
     */
    @Test
    void neverHandsOutOneBufferTwiceUnderConcurrentCrossThreadFrees() throws Exception {
        IoBufferPool pool = new IoBufferPool(false, 64, 4, 8);
        Set<ByteBuffer> live = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
        ConcurrentLinkedQueue<PooledByteBuffer> handedOver = new ConcurrentLinkedQueue<>();
        AtomicInteger clashes = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long mark = t + 1;
                runs.add(threads.submit(() -> {
                    for (int i = 0; i < 20_000; i++) {
                        List<PooledByteBuffer> mine = allocate(pool, 3);
                        for (PooledByteBuffer handle : mine) {
                            if (!live.add(handle.getBuffer())) {
                                clashes.incrementAndGet();
                            }
                            handle.getBuffer().putLong(0, mark * 1_000_000 + i);
                        }
                        for (int k = 0; k < mine.size(); k++) {
                            PooledByteBuffer handle = mine.get(k);
                            if (handle.getBuffer().getLong(0) != mark * 1_000_000 + i) {
                                clashes.incrementAndGet();
                            }
                            if (k == 0) {
                                handedOver.add(handle); // freed by whichever thread polls it
                            } else {
                                free(live, handle);
                            }
                        }
                        for (PooledByteBuffer other; (other = handedOver.poll()) != null; ) {
                            free(live, other);
                        }
                    }
                }));
            }
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(clashes).hasValue(0);
        assertThat(pool.sharedCount()).isBetween(0, 8);
    }

    private static void free(Set<ByteBuffer> live, PooledByteBuffer handle) {
        live.remove(handle.getBuffer()); // before the pool can hand it out again
        handle.close();
    }

    private static List<PooledByteBuffer> allocate(IoBufferPool pool, int count) {
        List<PooledByteBuffer> handles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            handles.add(pool.allocate());
        }
        return handles;
    }

    private static Set<ByteBuffer> identities(List<PooledByteBuffer> handles) {
        Set<ByteBuffer> buffers = Collections.newSetFromMap(new IdentityHashMap<>());
        handles.forEach(h -> buffers.add(h.getBuffer()));
        return buffers;
    }
}
