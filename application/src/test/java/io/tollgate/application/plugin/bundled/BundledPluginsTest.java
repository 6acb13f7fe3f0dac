package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginDefinition;
import java.util.List;
import org.junit.jupiter.api.Test;

class BundledPluginsTest {

    @Test
    void every_bundled_plugin_has_a_definition_with_a_unique_name_and_a_config_schema() {
        List<PluginDefinition> definitions =
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList();
        assertThat(definitions).doesNotContainNull();
        assertThat(definitions).extracting(PluginDefinition::name).doesNotHaveDuplicates();
        assertThat(definitions).allSatisfy(d -> assertThat(d.config()).isNotNull());
    }
}
