package io.tollgate.adapter.cache.redis;

import dagger.Module;
import dagger.Provides;
import io.tollgate.application.plugin.spi.RedisCounters;
import jakarta.inject.Singleton;

/** Dagger wiring of the node's Redis client (rate-limiting's {@code redis} policy); it connects at first use. */
@Module
public interface RedisAdapterModule {

    /** The node's one Redis client, shared by every rate-limiting instance. */
    @Provides
    @Singleton
    static RedisCounters redisCounters() {
        return new LettuceRedisCounters();
    }
}
