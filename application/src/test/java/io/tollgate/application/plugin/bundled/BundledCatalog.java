package io.tollgate.application.plugin.bundled;

import io.tollgate.application.plugin.spi.TollgatePlugin;
import io.tollgate.domain.plugin.PluginCatalog;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The plugin schema tests' set-up ({@code @ExtendWith(BundledCatalog.class)}): every bundled plugin is in
 * {@link PluginCatalog} during each test (so their schemas validate), and the domain's own set is back afterwards.
 */
final class BundledCatalog implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        PluginCatalog.enable(
                BundledPlugins.all().stream().map(TollgatePlugin::definition).toList());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        PluginCatalog.enable(PluginCatalog.bundled());
    }
}
