package io.tollgate.adapter.http;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import io.undertow.server.DefaultByteBufferPool;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Buffer pool benchmark (a main, not a test): the node's {@link IoBufferPool}, as {@link HttpServer} makes it, against
 * the pool Undertow's builder makes and Tollgate used before ({@link DefaultByteBufferPool}: direct 16,364-byte
 * buffers, 4 cached per thread). Each step takes three buffers and returns them, as one proxied request does on its
 * I/O thread (the connection's read buffer, the upstream's request and response). Prints the median ns per
 * allocate + free over {@code rounds} rounds, with one thread and with two threads using the pool at once (a node
 * has one I/O thread per core), and Undertow's / ours.
 *
 * <p>Run: {@code bench/buffer-pool-bench}, or {@code java -cp <adapters-http test class path> }this class
 * {@code [rounds, default 7] [steps per round, default 2000000]}.
 */
public final class BufferPoolBenchmark {

    private BufferPoolBenchmark() {}

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 2_000_000;
        ByteBufferPool undertow = new DefaultByteBufferPool(true, 16_364, -1, 4);
        ByteBufferPool ours = new IoBufferPool(true, 16_364, 16, 64);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int w = 0; w < 3; w++) { // warm-up
                perBuffer(threads, undertow, 2, steps);
                perBuffer(threads, ours, 2, steps);
            }
            for (int threadCount = 1; threadCount <= 2; threadCount++) {
                double[] theirs = new double[rounds];
                double[] mine = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    theirs[r] = perBuffer(threads, undertow, threadCount, steps);
                    mine[r] = perBuffer(threads, ours, threadCount, steps);
                }
                double a = median(theirs);
                double b = median(mine);
                System.out.printf(
                        "%d thread%s: DefaultByteBufferPool %6.1f ns, IoBufferPool %6.1f ns per allocate + free"
                                + " (%.1f x)%n",
                        threadCount, threadCount == 1 ? " " : "s", a, b, a / b);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Median over the threads of the mean ns per allocate + free, {@code threadCount} threads running at once. */
    private static double perBuffer(ExecutorService threads, ByteBufferPool pool, int threadCount, int steps)
            throws Exception {
        @SuppressWarnings("unchecked")
        Future<Double>[] runs = new Future[threadCount];
        for (int t = 0; t < threadCount; t++) {
            runs[t] = threads.submit(() -> steps(pool, steps));
        }
        double total = 0;
        for (Future<Double> run : runs) {
            total += run.get();
        }
        return total / threadCount;
    }

    private static double steps(ByteBufferPool pool, int steps) {
        long seen = 0;
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            PooledByteBuffer read = pool.allocate();
            PooledByteBuffer request = pool.allocate();
            PooledByteBuffer response = pool.allocate();
            seen += read.getBuffer().remaining()
                    + request.getBuffer().position()
                    + response.getBuffer().limit();
            response.close();
            request.close();
            read.close();
        }
        long elapsed = System.nanoTime() - start;
        if (seen == 42) {
            System.out.print(""); // keeps the loop's reads alive
        }
        return elapsed / (3.0 * steps);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
