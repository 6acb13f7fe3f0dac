package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.PluginHandler;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.plugin.PluginId;
import io.tollgate.domain.schema.RecordSchema;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The runloop visits the plugins with an instance in the index in use, in run order ({@link ConfiguredPlugins}). */
class ConfiguredPluginsTest {

    private static final List<PluginPhases.Loaded> ORDER =
            List.of(loaded("correlation-id", 100001), loaded("key-auth", 1250), loaded("request-termination", 2));

    private final ConfiguredPlugins configured = new ConfiguredPlugins(ORDER);

    @Test
    void visitsOnlyThePluginsWithAnInstanceInRunOrder() {
        PluginsIndex index = PluginsIndex.of(List.of(global("request-termination"), global("key-auth")));

        assertThat(configured.in(index))
                .extracting(PluginPhases.Loaded::name)
                .containsExactly("key-auth", "request-termination");
        assertThat(configured.in(PluginsIndex.EMPTY)).isEmpty();
    }

    @Test
    void followsTheIndexInUse() {
        Plugin termination = global("request-termination");
        PluginsIndex before = PluginsIndex.of(List.of(global("correlation-id")));
        PluginsIndex after = before.patch(Map.of(termination.id(), Optional.of(termination)));

        assertThat(configured.in(before)).extracting(PluginPhases.Loaded::name).containsExactly("correlation-id");
        assertThat(configured.in(after))
                .extracting(PluginPhases.Loaded::name)
                .containsExactly("correlation-id", "request-termination");
        assertThat(configured.in(after)).isSameAs(configured.in(after));
        PluginsIndex removed = after.patch(Map.of(termination.id(), Optional.empty()));
        assertThat(removed.configures("request-termination")).isFalse();
        assertThat(configured.in(removed)).extracting(PluginPhases.Loaded::name).containsExactly("correlation-id");
    }

    private static PluginPhases.Loaded loaded(String name, int priority) {
        return new PluginPhases.Loaded(
                new PluginDefinition(name, priority, "1.0.0", RecordSchema.of(), false), new PluginHandler() {});
    }

    private static Plugin global(String name) {
        return new Plugin(
                new PluginId(UUID.randomUUID()), name, null, null, null, Map.of(), List.of("http", "https"), true);
    }
}
