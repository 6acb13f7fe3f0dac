package io.tollgate.adapter.cache.redis;

import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The counters of one Redis server as a batch store (rate-limiting's {@code redis} policy with {@code sync_rate >= 0}):
 * one pipelined round of {@code INCRBY} + {@code PEXPIRE} per incremented counter and {@code GET} per read one. The
 * counters expire at their window's end, so {@link #deleteEnded} has nothing to do.
 */
final class RedisBatchCounters implements RateLimitCounters {

    private final Function<RedisConfig, RedisLink> links;
    private final RedisConfig config;
    private final LongSupplier clock;

    /**
     * @param links the link of a config (looked up at each batch: an idle one may have been closed meanwhile)
     * @param config the server
     * @param clock epoch milliseconds
     */
    RedisBatchCounters(Function<RedisConfig, RedisLink> links, RedisConfig config, LongSupplier clock) {
        this.links = links;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public Map<CounterKey, Long> addAndRead(Map<CounterKey, Long> increments, Set<CounterKey> reads) {
        long timeout = Math.max(1, config.timeoutMillis());
        RedisLink link = links.apply(config);
        try {
            RedisAsyncCommands<String, String> commands = link.commands().get(timeout, TimeUnit.MILLISECONDS);
            long now = clock.getAsLong();
            Map<CounterKey, RedisFuture<Long>> added = new HashMap<>();
            Map<CounterKey, RedisFuture<String>> read = new HashMap<>();
            List<CompletableFuture<?>> all = new ArrayList<>();
            increments.forEach((key, n) -> {
                RedisFuture<Long> value = commands.incrby(key.kongKey(), n);
                added.put(key, value);
                all.add(value.toCompletableFuture());
                all.add(commands.pexpire(key.kongKey(), Math.max(1, key.windowEnd() - now))
                        .toCompletableFuture());
            });
            for (CounterKey key : reads) {
                RedisFuture<String> value = commands.get(key.kongKey());
                read.put(key, value);
                all.add(value.toCompletableFuture());
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout, TimeUnit.MILLISECONDS);
            Map<CounterKey, Long> values = new HashMap<>();
            for (var entry : added.entrySet()) {
                values.put(entry.getKey(), entry.getValue().get());
            }
            for (var entry : read.entrySet()) {
                String value = entry.getValue().get();
                values.put(entry.getKey(), value == null ? 0L : Long.parseLong(value));
            }
            return values;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while talking to " + link.config(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("redis " + link.config() + " unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public int deleteEnded(long now) {
        return 0; // every counter expires by itself at its window's end
    }
}
