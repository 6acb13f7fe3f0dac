package io.tollgate.application.proxy.plugin;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The runloop's plugins that have at least one instance in a plugins index, in run order, kept for the index in use,
 * so that a request visits the plugins configured on the node and not every plugin it could run: the cost of a
 * request does not grow with the number of bundled or custom plugins (Kong's plugins iterator likewise iterates the
 * configured plugins only). Recomputed once per index snapshot (an index is immutable; a change swaps in a new one).
 * Thread-safe: racing requests on a new index may compute the same list twice.
 */
final class ConfiguredPlugins {

    /** The plugins configured in {@code index}. */
    private record Kept(PluginsIndex index, List<PluginPhases.Loaded> plugins) {}

    private final List<PluginPhases.Loaded> order;
    private volatile @Nullable Kept kept;

    /** @param order every plugin of the runloop, in run order */
    ConfiguredPlugins(List<PluginPhases.Loaded> order) {
        this.order = List.copyOf(order);
    }

    /** The plugins of the runloop with an instance in {@code index}, in run order; the same list for one index. */
    List<PluginPhases.Loaded> in(PluginsIndex index) {
        Kept now = kept;
        if (now == null || now.index() != index) {
            now = new Kept(
                    index,
                    order.stream().filter(p -> index.configures(p.name())).toList());
            kept = now;
        }
        return now.plugins();
    }
}
