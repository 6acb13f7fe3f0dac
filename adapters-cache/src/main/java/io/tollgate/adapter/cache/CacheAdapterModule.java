package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dagger.Module;
import dagger.Provides;
import io.tollgate.application.port.out.NodeCache;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;

/** Dagger wiring of the Caffeine node cache; bootstrap binds {@link CacheSettings}. */
@Module
public interface CacheAdapterModule {

    /** The node cache; misses load on virtual threads so a slow database never holds a proxy thread. */
    @Provides
    @Singleton
    static NodeCache nodeCache(CacheSettings settings) {
        return new CaffeineNodeCache(settings, Ticker.systemTicker(), Executors.newVirtualThreadPerTaskExecutor());
    }
}
