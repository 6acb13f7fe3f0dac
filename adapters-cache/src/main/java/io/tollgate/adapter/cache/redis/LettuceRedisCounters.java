package io.tollgate.adapter.cache.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.tollgate.application.plugin.spi.CounterKey;
import io.tollgate.application.plugin.spi.RateLimitCounters;
import io.tollgate.application.plugin.spi.RedisConfig;
import io.tollgate.application.plugin.spi.RedisCounters;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link RedisCounters} on Lettuce: one {@link RedisLink} per distinct {@link RedisConfig}, created at its first use;
 * a small set of I/O threads shared by all, reconnecting after 50 ms doubling up to 1 s. Answers are handed from the
 * client's I/O threads to virtual threads before the request goes on.
 *
 * <p>A config that is no longer used (its plugin was changed or deleted) does not keep its connection forever: when a
 * new config is first used, the links unused for {@link #IDLE_MS} are closed (a later use opens a new one).
 */
public final class LettuceRedisCounters implements RedisCounters, AutoCloseable {

    /** How long a link may go unused before a new config's first use closes it, in milliseconds. */
    static final long IDLE_MS = 3_600_000;

    private final ConcurrentHashMap<RedisConfig, RedisLink> links = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<RedisConfig, RedisBatchCounters> batches = new ConcurrentHashMap<>();
    private final LongSupplier clock;
    private final long idle;
    private final Executor continuations;
    private volatile @Nullable ClientResources resources;

    /** On the system clock, answers continued on virtual threads. */
    public LettuceRedisCounters() {
        this(System::currentTimeMillis, Executors.newVirtualThreadPerTaskExecutor(), IDLE_MS);
    }

    /**
     * @param clock epoch milliseconds (the windows' expiry, the links' idleness)
     * @param continuations where a request continues after the server answered
     * @param idle how long a link may go unused before it is closed, in milliseconds
     */
    LettuceRedisCounters(LongSupplier clock, Executor continuations, long idle) {
        this.clock = clock;
        this.continuations = continuations;
        this.idle = idle;
    }

    @Override
    public CompletionStage<long[]> acquire(RedisConfig redis, CounterKey[] keys, double[] limits) {
        CompletableFuture<long[]> answer = new CompletableFuture<>();
        CompletableFuture<long[]> sent;
        try {
            long now = clock.getAsLong();
            sent = link(redis).commands().thenCompose(commands -> AcquireScript.run(commands, keys, limits, now));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenCompleteAsync(
                (values, error) -> {
                    if (error != null) {
                        answer.completeExceptionally(error);
                    } else {
                        answer.complete(values);
                    }
                },
                continuations);
        return answer;
    }

    @Override
    public RateLimitCounters batched(RedisConfig redis) {
        return batches.computeIfAbsent(redis, config -> new RedisBatchCounters(this::link, config, clock));
    }

    /** The link of {@code redis}, marked used now; the first use of a config closes the idle links. */
    RedisLink link(RedisConfig redis) {
        long now = clock.getAsLong();
        RedisLink link = links.get(redis);
        if (link == null) {
            closeIdle(now);
            link = links.computeIfAbsent(redis, config -> new RedisLink(config, resources(), now));
        }
        link.used(now);
        return link;
    }

    private void closeIdle(long now) {
        links.values().removeIf(link -> {
            boolean unused = link.lastUsed() < now - idle;
            if (unused) {
                link.close();
            }
            return unused;
        });
    }

    /** How many links are open (tests). */
    int links() {
        return links.size();
    }

    private ClientResources resources() {
        ClientResources current = resources;
        if (current == null) {
            synchronized (this) {
                current = resources;
                if (current == null) {
                    current = DefaultClientResources.builder()
                            .ioThreadPoolSize(2)
                            .computationThreadPoolSize(1)
                            .reconnectDelay(Delay.exponential(
                                    Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
                            .build();
                    resources = current;
                }
            }
        }
        return current;
    }

    /** Closes every connection and the client's threads. */
    @Override
    public void close() {
        links.values().forEach(RedisLink::close);
        links.clear();
        batches.clear();
        ClientResources current = resources;
        if (current != null) {
            current.shutdown(0, 1, TimeUnit.SECONDS);
        }
    }
}
