package io.tollgate.adapter.cache;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.proxy.Entities;
import io.tollgate.domain.cache.CacheKey;
import io.tollgate.domain.entity.Entity;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * How many bytes of heap the node cache really holds against {@code mem_cache_size} (run by {@code
 * bench/cache-memory-bench}, in a JVM of its own with the serial collector). Entities are built as the node reads
 * them: validated with their schema's defaults, written to JSON and decoded by Jackson as the PostgreSQL adapter does.
 *
 * <p>Prints, per kind, the heap one cached entity really retains (measured over many, after full collections) beside
 * {@link EntitySize#estimate}'s figure, and then, with the cache filled with three times its bound of a mix of kinds
 * and misses, the heap it retains divided by {@code mem_cache_size}.
 */
public final class CacheMemoryBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final int PER_KIND = 20_000;
    private static final long BOUND = 32L << 20;

    private CacheMemoryBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, IntFunction<Entity>> kinds = new LinkedHashMap<>();
        Entity consumer = Entities.consumer("owner", null);
        kinds.put("consumers", i -> Entities.consumer("user-" + i, "custom-" + i));
        kinds.put("keyauth_credentials", i -> Entities.keyAuth(consumer, "key-" + i + "-0123456789abcdef"));
        kinds.put("services", i -> Entities.service("http://upstream-" + i + ".internal:8080/api", Map.of()));
        kinds.put(
                "plugins",
                i -> Entities.plugin("key-auth", Map.of("key_names", List.of("apikey", "x-key-" + i)), Map.of()));

        System.out.printf("%-22s %14s %14s %8s%n", "kind", "real B/entry", "estimate B", "ratio");
        for (Map.Entry<String, IntFunction<Entity>> kind : kinds.entrySet()) {
            long before = usedAfterGc();
            CaffeineNodeCache cache = new CaffeineNodeCache(
                    new CacheSettings(Duration.ZERO, Duration.ZERO, 1L << 40),
                    System::nanoTime,
                    Runnable::run,
                    new DatabaseOutages());
            long estimate = 0;
            for (int i = 0; i < PER_KIND; i++) {
                CacheKey key = new CacheKey(kind.getKey() + ":" + i + ":::::00000000-0000-0000-0000-000000000000");
                Entity entity = decoded(kind.getValue().apply(i));
                cache.get(key, () -> Optional.of(entity)).join();
                estimate += EntitySize.estimate(key, List.of(entity));
            }
            long real = (usedAfterGc() - before) / PER_KIND;
            System.out.printf(
                    "%-22s %14d %14d %8.2f%n",
                    kind.getKey(), real, estimate / PER_KIND, (double) real / (estimate / PER_KIND));
            if (cache.hashCode() == 42) {
                System.out.println(); // keeps the cache reachable until the measurement above
            }
        }

        long before = usedAfterGc();
        CaffeineNodeCache cache = new CaffeineNodeCache(
                new CacheSettings(Duration.ZERO, Duration.ZERO, BOUND),
                System::nanoTime,
                Runnable::run,
                new DatabaseOutages());
        List<IntFunction<Entity>> mix = List.copyOf(kinds.values());
        long estimated = 0;
        for (int i = 0; estimated < 3 * BOUND; i++) {
            CacheKey key = new CacheKey("k:" + i + ":::::00000000-0000-0000-0000-000000000000");
            if (i % 10 == 9) {
                cache.get(key, Optional::empty).join();
                estimated += EntitySize.estimate(key, List.of());
            } else {
                Entity entity = decoded(mix.get(i % mix.size()).apply(i));
                cache.get(key, () -> Optional.of(entity)).join();
                estimated += EntitySize.estimate(key, List.of(entity));
            }
        }
        long held = usedAfterGc() - before;
        System.out.printf(
                "cache filled with %d MiB (estimated) against mem_cache_size = %d MiB: holds %.1f MiB of heap,"
                        + " %.2f x mem_cache_size%n",
                estimated >> 20, BOUND >> 20, held / 1048576.0, (double) held / BOUND);
        if (cache.hashCode() == 42) {
            System.out.println(); // keeps the cache reachable until the measurement above
        }
    }

    /** {@code entity} as the node reads it from PostgreSQL: its fields through JSON text and Jackson. */
    @SuppressWarnings("unchecked")
    private static Entity decoded(Entity entity) {
        try {
            String json = JSON.writeValueAsString(entity.fields());
            return new Entity(entity.schema(), JSON.readValue(json, Map.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
