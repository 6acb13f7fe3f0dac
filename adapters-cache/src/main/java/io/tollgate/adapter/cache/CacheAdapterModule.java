package io.tollgate.adapter.cache;

import com.github.benmanes.caffeine.cache.Ticker;
import dagger.Module;
import dagger.Provides;
import io.tollgate.application.plugin.spi.ResponseCache;
import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.port.out.NodeCache;
import jakarta.inject.Singleton;
import java.util.concurrent.Executors;

/**
 * Dagger wiring of the Caffeine node cache; bootstrap binds {@link CacheSettings}, {@link ResponseCacheSettings} and
 * the node's {@link DatabaseOutages}.
 */
@Module
public interface CacheAdapterModule {

    /**
     * The node cache; misses load on virtual threads so a slow database never holds a proxy thread; requests served
     * resurrected entries ({@code db_resurrect_ttl}) count in the node's {@link DatabaseOutages}.
     */
    @Provides
    @Singleton
    static NodeCache nodeCache(CacheSettings settings, DatabaseOutages outages) {
        return new CaffeineNodeCache(
                settings, Ticker.systemTicker(), Executors.newVirtualThreadPerTaskExecutor(), outages);
    }

    /** The proxy-cache plugin's store of responses, within its own memory budget. */
    @Provides
    @Singleton
    static ResponseCache responseCache(ResponseCacheSettings settings) {
        return new CaffeineResponseCache(settings, Ticker.systemTicker());
    }
}
