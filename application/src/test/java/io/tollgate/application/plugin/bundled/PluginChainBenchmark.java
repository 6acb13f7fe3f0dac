package io.tollgate.application.plugin.bundled;

import com.sun.management.ThreadMXBean;
import io.tollgate.application.port.in.ProxyDecision.Forward;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.domain.entity.Entity;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Map;

/**
 * Plugin chain benchmark (a main, not a test): the proxy use case ({@link AuthHarness}: router, plugins index, plugin
 * phases, in-memory store and node cache, every bundled plugin loaded as on a node) deciding one request on three
 * routes: no plugin, key-auth (one consumer), and key-auth + rate-limiting ({@code local}, second and hour limits
 * never reached, as {@code bench/run}'s case).
 * Prints, per route, the median CPU time (ns) and the bytes allocated per decision over {@code rounds} rounds of
 * {@code requests}, and the plugins' share: each plugin route minus the plain one. Only Tollgate's code runs (no
 * sockets), so the figures are steadier than the end-to-end ones and isolate what the plugins cost.
 *
 * <p>Run: {@code bench/plugin-chain-bench}, or {@code java -cp <application test class path> }this class
 * {@code [rounds, default 9] [requests per round, default 200000]}.
 */
public final class PluginChainBenchmark {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private PluginChainBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
        // every bundled plugin loaded, as on a node: the runloop's cost must not follow the plugins it could run
        try (AuthHarness harness = new AuthHarness(BundledPlugins.all())) {
            Entity consumer = Entities.consumer("bench", null);
            harness.store.add(consumer, Entities.keyAuth(consumer, "bench-key"));
            harness.route("plain", Map.of());
            harness.route("keyed", Map.of("key-auth", Map.of()));
            harness.route(
                    "limited",
                    Map.of(
                            "key-auth",
                            Map.of(),
                            "rate-limiting",
                            Map.of("second", 1_000_000_000, "hour", 1_000_000_000, "policy", "local")));
            String[] paths = {"/plain", "/keyed", "/limited"};
            for (String path : paths) {
                measure(harness, path, 3, requests); // warm-up
            }
            double[][] results = new double[paths.length][];
            for (int p = 0; p < paths.length; p++) {
                results[p] = measure(harness, paths[p], rounds, requests);
            }
            for (int p = 0; p < paths.length; p++) {
                System.out.printf(
                        "%-9s %7.0f ns CPU, %6.0f B allocated per request; plugins %+6.0f ns, %+6.0f B%n",
                        paths[p],
                        results[p][0],
                        results[p][1],
                        results[p][0] - results[0][0],
                        results[p][1] - results[0][1]);
            }
        }
    }

    /** Median CPU ns and allocated bytes per decision of {@code path} over {@code rounds} rounds. */
    private static double[] measure(AuthHarness harness, String path, int rounds, int requests) {
        double[] cpu = new double[rounds];
        double[] bytes = new double[rounds];
        long thread = Thread.currentThread().threadId();
        for (int r = 0; r < rounds; r++) {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            long bytesStart = THREADS.getThreadAllocatedBytes(thread);
            for (int i = 0; i < requests; i++) {
                FakeExchange exchange = new FakeExchange("GET", path).header("apikey", "bench-key");
                if (!(harness.decide(exchange) instanceof Forward)) {
                    throw new IllegalStateException(path + " was not forwarded");
                }
            }
            cpu[r] = (THREADS.getCurrentThreadCpuTime() - cpuStart) / (double) requests;
            bytes[r] = (THREADS.getThreadAllocatedBytes(thread) - bytesStart) / (double) requests;
        }
        return new double[] {median(cpu), median(bytes)};
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
