package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.invalidation.LocalInvalidation;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.application.testing.VersionBumps;
import io.tollgate.domain.catalog.VersionKey;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginsHolderTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final PluginsHolder holder = new PluginsHolder(store);
    private final LocalInvalidation invalidation = new LocalInvalidation(new InMemoryNodeCache(), List.of(holder));

    private boolean terminates() {
        return holder.current()
                .lookup("request-termination", null, null, null, true)
                .isPresent();
    }

    @Test
    void a_failed_rebuild_keeps_the_previous_plugins_and_the_next_poll_retries_it() {
        store.add(Entities.plugin("correlation-id", Map.of(), Map.of()));
        VersionBumps.apply(invalidation, VersionKey.PLUGINS);
        PluginsIndex before = holder.current();
        assertThat(before.size()).isEqualTo(1);

        store.add(Entities.plugin("request-termination", Map.of("status_code", 503), Map.of()));
        store.failingReads.set(1);
        VersionBumps.apply(invalidation, VersionKey.PLUGINS);
        assertThat(holder.current()).isSameAs(before);
        assertThat(terminates()).isFalse();

        invalidation.retryPending();
        assertThat(holder.current().size()).isEqualTo(2);
        assertThat(terminates()).isTrue();
    }
}
