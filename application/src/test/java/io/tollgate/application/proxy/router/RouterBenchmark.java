package io.tollgate.application.proxy.router;

import io.tollgate.domain.route.Route;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.service.ServiceId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Router benchmark (a main, not a test): compiles routers of 10,000 and 100,000 realistic routes (distinct exact
 * and wildcard hosts, distinct prefixes, 10% regex paths with captures, 5% header routes) several times and prints
 * the median compile time in ms; then times a lookup of the last-created route in a router of 1 route and of
 * 10,000 routes and prints both (ns per lookup, median of 5 rounds) and their ratio.
 *
 * <p>Run: {@code bench/router-bench}, or {@code java -cp <application test class path> }this class
 * {@code [compile rounds, default 9]}. The compile time excludes reading the database ({@link RouterHolder} adds
 * that on a rebuild). Wall-clock times are printed with the compiling thread's CPU time, which stays meaningful
 * on a machine shared with other work.
 */
public final class RouterBenchmark {

    private static final Map<ServiceId, Service> SERVICES = Map.of();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private RouterBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        for (int size : new int[] {10_000, 100_000}) {
            List<Route> routes = routes(size);
            double[] ms = new double[rounds];
            double[] cpuMs = new double[rounds];
            for (int warm = 0; warm < 5; warm++) {
                Router.compile(routes, SERVICES);
            }
            for (int i = 0; i < rounds; i++) {
                System.gc();
                long cpu = THREADS.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Router router = Router.compile(routes, SERVICES);
                ms[i] = (System.nanoTime() - start) / 1e6;
                cpuMs[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
                if (router.size() != size) {
                    throw new IllegalStateException("compiled " + router.size() + " of " + size);
                }
            }
            System.out.printf(
                    "compile %,d routes: median %.1f ms (min %.1f, max %.1f; CPU median %.1f ms; %d rounds)%n",
                    size,
                    median(ms),
                    Arrays.stream(ms).min().orElse(0),
                    Arrays.stream(ms).max().orElse(0),
                    median(cpuMs),
                    rounds);
            patchTimes(routes, rounds);
        }

        List<Route> many = routes(10_000);
        RouteRequest last = requestFor(many.size() - 1);
        Router one = Router.compile(List.of(many.get(many.size() - 1)), SERVICES);
        Router all = Router.compile(many, SERVICES);
        for (int warm = 0; warm < 3; warm++) {
            lookupNanos(one, last);
            lookupNanos(all, last);
        }
        double[] nsOne = new double[7];
        double[] nsAll = new double[7];
        for (int r = 0; r < nsOne.length; r++) {
            nsOne[r] = lookupNanos(one, last);
            nsAll[r] = lookupNanos(all, last);
        }
        System.out.printf(
                "lookup of the last-created route: 1 route %.0f ns, 10,000 routes %.0f ns, ratio %.2f "
                        + "(medians of %d interleaved rounds; candidates visited: %d vs %d)%n",
                median(nsOne),
                median(nsAll),
                median(nsAll) / median(nsOne),
                nsOne.length,
                one.candidatesVisited(last),
                all.candidatesVisited(last));
    }

    /** Times {@link Router#patch} adding one new route to a router of {@code routes} (what one Admin API write costs). */
    private static void patchTimes(List<Route> routes, int rounds) {
        Router base = Router.compile(routes, SERVICES);
        Route added = routes(routes.size() + 1).get(routes.size());
        Map<RouteId, Optional<Route>> change = Map.of(added.id(), Optional.of(added));
        double[] ms = new double[rounds * 5];
        double[] cpuMs = new double[ms.length];
        for (int warm = 0; warm < 20; warm++) {
            base.patch(change, Map.of(), Set.of());
        }
        for (int i = 0; i < ms.length; i++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            Router patched = base.patch(change, Map.of(), Set.of());
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
            if (patched.size() != routes.size() + 1) {
                throw new IllegalStateException("patched " + patched.size());
            }
        }
        System.out.printf(
                "patch 1 route into %,d routes: median %.3f ms (min %.3f, max %.3f; CPU median %.3f ms; %d rounds)%n",
                routes.size(),
                median(ms),
                Arrays.stream(ms).min().orElse(0),
                Arrays.stream(ms).max().orElse(0),
                median(cpuMs),
                ms.length);
    }

    /** {@code count} routes of five kinds, created one second apart. */
    static List<Route> routes(int count) {
        List<Route> routes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<String> hosts = List.of();
            List<String> paths = List.of();
            List<String> methods = List.of();
            Map<String, List<String>> headers = Map.of();
            int regexPriority = 0;
            switch (i % 20) {
                case 0, 1 -> {
                    hosts = List.of("re" + i + ".example.org");
                    paths = List.of("~/r" + i + "/(?<id>\\d+)$");
                    regexPriority = i % 5;
                }
                case 2 -> {
                    hosts = List.of("h" + i + ".example.com");
                    headers = Map.of("x-version", List.of("v" + i % 3), "x-env", List.of("~*^prod"));
                    paths = List.of("/");
                }
                case 3, 4, 5 -> {
                    hosts = List.of("*.t" + i + ".example.net");
                    paths = List.of("/t" + i);
                }
                case 6, 7 -> {
                    paths = List.of("/p" + i + "/items", "/p" + i + "/v2/items");
                    methods = List.of("GET", "POST");
                }
                default -> {
                    hosts = List.of("svc" + i + ".example.com", "svc" + i + ".example.com:8443");
                    paths = List.of("/api/v1/svc" + i);
                }
            }
            routes.add(new Route(
                    new RouteId(new UUID(0, i + 1)),
                    "r" + i,
                    List.of("http", "https"),
                    methods,
                    hosts,
                    paths,
                    headers,
                    true,
                    false,
                    regexPriority,
                    "v0",
                    426,
                    null,
                    1_600_000_000L + i,
                    List.of(),
                    true,
                    true));
        }
        return routes;
    }

    /** A request that matches route {@code i} of {@link #routes}. */
    static RouteRequest requestFor(int i) {
        String host;
        String path;
        Map<String, List<String>> headers = Map.of();
        switch (i % 20) {
            case 0, 1 -> {
                host = "re" + i + ".example.org";
                path = "/r" + i + "/12345";
            }
            case 2 -> {
                host = "h" + i + ".example.com";
                path = "/anything";
                headers = Map.of("x-version", List.of("v" + i % 3), "x-env", List.of("PROD-1"));
            }
            case 3, 4, 5 -> {
                host = "a.t" + i + ".example.net";
                path = "/t" + i + "/x";
            }
            case 6, 7 -> {
                host = "any.example.com";
                path = "/p" + i + "/v2/items/1";
            }
            default -> {
                host = "svc" + i + ".example.com";
                path = "/api/v1/svc" + i + "/users/42";
            }
        }
        Map<String, List<String>> h = headers;
        return new RouteRequest("GET", host, 8000, path, name -> h.getOrDefault(name, List.of()), "http", null);
    }

    /** Nanoseconds per lookup over one round of 200,000 lookups. */
    private static double lookupNanos(Router router, RouteRequest request) {
        int n = 200_000;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sink += router.match(request).orElseThrow().matchedLength();
        }
        double ns = (double) (System.nanoTime() - start) / n;
        if (sink == 42) {
            System.out.print("");
        }
        return ns;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
