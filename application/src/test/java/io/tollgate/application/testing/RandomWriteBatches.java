package io.tollgate.application.testing;

import io.tollgate.domain.cache.ChangedEntity;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Random;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The driver of the property-style patch tests (router, plugin index, balancers, certificates): {@code steps} times,
 * a batch of 1 to {@code maxWrites} random writes, each made by {@code write} against the test's store and naming
 * the entities it changed; every non-empty batch goes to {@code applyAndCompare}, which applies it to the patched
 * structure and compares that with a full build (its second argument names the seed and step for assertion
 * messages). Empty batches (writes the test chose not to make) are skipped.
 */
public final class RandomWriteBatches {

    private RandomWriteBatches() {}

    /**
     * Runs the batches.
     *
     * @param seed the seed of {@code random}, for the messages
     * @param random the source of every random choice (writes and comparisons alike), seeded by the caller
     */
    public static void run(
            long seed,
            Random random,
            int steps,
            int maxWrites,
            Function<Random, Collection<ChangedEntity>> write,
            BiConsumer<Set<ChangedEntity>, String> applyAndCompare) {
        for (int step = 0; step < steps; step++) {
            Set<ChangedEntity> batch = new LinkedHashSet<>();
            int writes = 1 + random.nextInt(maxWrites);
            for (int w = 0; w < writes; w++) {
                batch.addAll(write.apply(random));
            }
            if (!batch.isEmpty()) {
                applyAndCompare.accept(batch, "seed " + seed + " step " + step);
            }
        }
    }
}
