package io.tollgate.application.proxy.plugin;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.domain.cache.ChangedEntity;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.plugin.Plugins;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Plugins index benchmark (a main, not a test): {@link PluginsHolder} over an in-memory store of 10,000 plugin
 * instances, all of one name and each scoped to its own consumer (the worst case for a patch, which copies the scope
 * map of the name it touches); prints the median time of a full rebuild and of a one-plugin patch (wall clock and the
 * thread's CPU), then the lookup time in a fully built and in a patched index. The store is in memory, so the full
 * rebuild excludes the database read it costs on a node (which only widens the gap).
 *
 * <p>Run: {@code bench/plugins-bench}, or {@code java -cp <application test class path> }this class
 * {@code [rounds, default 15]}.
 */
public final class PluginsIndexBenchmark {

    private static final int SIZE = 10_000;
    /** A request's route and service, which no instance is scoped to: the lookup tries the scopes with them first. */
    private static final RouteId ROUTE = new RouteId(UUID.randomUUID());

    private static final ServiceId SERVICE = new ServiceId(UUID.randomUUID());
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private PluginsIndexBenchmark() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        InMemoryEntityStore store = new InMemoryEntityStore();
        List<Entity> plugins = new ArrayList<>();
        List<ConsumerId> consumers = new ArrayList<>();
        for (int i = 0; i < SIZE; i++) {
            UUID consumer = UUID.randomUUID();
            consumers.add(new ConsumerId(consumer));
            Entity plugin = plugin(UUID.randomUUID(), consumer, 400 + i % 100);
            store.insert(plugin);
            plugins.add(plugin);
        }
        PluginsHolder holder = new PluginsHolder(store);
        for (int warm = 0; warm < 10; warm++) {
            holder.rebuild();
        }
        double[][] full = time(rounds, holder::rebuild);
        PluginsIndex built = holder.current();
        int[] next = {0};
        for (int warm = 0; warm < 200; warm++) {
            patchOne(store, holder, plugins, next);
        }
        double[][] patch = new double[2][rounds];
        for (int i = 0; i < rounds; i++) { // the write to the in-memory store (it validates) is not timed
            ChangedEntity change = writeOne(store, plugins, next);
            double[][] one = time(1, () -> holder.apply(Set.of(change)));
            patch[0][i] = one[0][0];
            patch[1][i] = one[1][0];
        }
        PluginsIndex patched = holder.current();
        if (patched.size() != SIZE || holder.patchCount() < 200) {
            throw new IllegalStateException("patched " + patched.size() + " in " + holder.patchCount() + " patches");
        }
        System.out.printf(
                "%,d plugins: full rebuild median %.2f ms (CPU %.2f ms); one-plugin patch median %.3f ms (CPU %.3f ms);"
                        + " %.0fx%n",
                SIZE,
                median(full[0]),
                median(full[1]),
                median(patch[0]),
                median(patch[1]),
                median(full[1]) / median(patch[1]));
        for (int warm = 0; warm < 3; warm++) {
            lookupNanos(built, consumers);
            lookupNanos(patched, consumers);
        }
        double[] nsBuilt = new double[7];
        double[] nsPatched = new double[7];
        for (int r = 0; r < nsBuilt.length; r++) {
            nsBuilt[r] = lookupNanos(built, consumers);
            nsPatched[r] = lookupNanos(patched, consumers);
        }
        System.out.printf(
                "lookup (route + service + consumer, 8 scopes): full build %.1f ns, patched %.1f ns (median of 7)%n",
                median(nsBuilt), median(nsPatched));
    }

    private static void patchOne(InMemoryEntityStore store, PluginsHolder holder, List<Entity> plugins, int[] next) {
        holder.apply(Set.of(writeOne(store, plugins, next)));
    }

    /** Updates the next plugin's status code in the store; returns its change. */
    private static ChangedEntity writeOne(InMemoryEntityStore store, List<Entity> plugins, int[] next) {
        int i = next[0]++ % plugins.size();
        Entity old = plugins.get(i);
        Entity updated = plugin(old.id(), old.foreignId("consumer").orElseThrow(), 400 + next[0] % 100);
        store.insert(updated);
        plugins.set(i, updated);
        return new ChangedEntity(EntityKind.PLUGINS, updated.id());
    }

    private static Entity plugin(UUID id, UUID consumer, int status) {
        Map<String, @Nullable Object> input = new HashMap<>();
        input.put("id", id.toString());
        input.put("name", "request-termination");
        input.put("config", Map.of("status_code", status));
        input.put("consumer", Map.of("id", consumer.toString()));
        return Entities.of(Plugins.SCHEMA, input);
    }

    /** {@code rounds} timings of {@code work}: wall-clock ms, then the thread's CPU ms. */
    private static double[][] time(int rounds, Runnable work) {
        double[] ms = new double[rounds];
        double[] cpuMs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - start) / 1e6;
            cpuMs[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
        }
        return new double[][] {ms, cpuMs};
    }

    private static double lookupNanos(PluginsIndex index, List<ConsumerId> consumers) {
        int n = 1_000_000;
        int found = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (index.lookup("request-termination", ROUTE, SERVICE, consumers.get(i % consumers.size()), false)
                    .isPresent()) {
                found++;
            }
        }
        double ns = (System.nanoTime() - start) / (double) n;
        if (found != n) {
            throw new IllegalStateException("found " + found + " of " + n);
        }
        return ns;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
