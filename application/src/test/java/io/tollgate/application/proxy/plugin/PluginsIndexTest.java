package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.domain.consumer.ConsumerId;
import io.tollgate.domain.plugin.Plugin;
import io.tollgate.domain.plugin.PluginId;
import io.tollgate.domain.route.RouteId;
import io.tollgate.domain.service.ServiceId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class PluginsIndexTest {

    private static final RouteId R = new RouteId(UUID.randomUUID());
    private static final ServiceId S = new ServiceId(UUID.randomUUID());
    private static final ConsumerId C = new ConsumerId(UUID.randomUUID());

    private static Plugin plugin(String tag, @Nullable RouteId r, @Nullable ServiceId s, @Nullable ConsumerId c) {
        return new Plugin(
                new PluginId(UUID.randomUUID()),
                "request-termination",
                r,
                s,
                c,
                Map.of("message", tag),
                List.of("http", "https"),
                true);
    }

    private static @Nullable Object found(
            PluginsIndex index,
            @Nullable RouteId r,
            @Nullable ServiceId s,
            @Nullable ConsumerId c,
            boolean noConsumer) {
        return index.lookup("request-termination", r, s, c, noConsumer)
                .map(p -> p.config().get("message"))
                .orElse(null);
    }

    @Test
    void mostSpecificScopeWinsInKongsOrder() {
        List<Plugin> all = new ArrayList<>(List.of(
                plugin("global", null, null, null),
                plugin("service", null, S, null),
                plugin("route", R, null, null),
                plugin("consumer", null, null, C),
                plugin("route+service", R, S, null),
                plugin("service+consumer", null, S, C),
                plugin("route+consumer", R, null, C),
                plugin("route+service+consumer", R, S, C)));
        List<String> expectedOrder = List.of(
                "route+service+consumer",
                "route+consumer",
                "service+consumer",
                "route+service",
                "consumer",
                "route",
                "service",
                "global");

        for (String expected : expectedOrder) {
            PluginsIndex index = PluginsIndex.of(all);
            assertThat(found(index, R, S, C, false)).isEqualTo(expected);
            all.removeIf(p -> p.config().get("message").equals(expected));
        }
        assertThat(found(PluginsIndex.of(all), R, S, C, false)).isNull();
    }

    @Test
    void ignoresScopesThatDoNotApply() {
        PluginsIndex index = PluginsIndex.of(List.of(
                plugin("other-route", new RouteId(UUID.randomUUID()), null, null),
                plugin("consumer", null, null, C),
                plugin("service", null, S, null)));

        assertThat(found(index, R, S, null, false)).isEqualTo("service");
        assertThat(found(index, R, S, C, false)).isEqualTo("consumer");
        assertThat(found(index, R, S, C, true)).isEqualTo("service");
        assertThat(found(index, R, null, null, false)).isNull();
    }

    @Test
    void leavesOutDisabledAndUnknownPlugins() {
        Plugin disabled = new Plugin(
                new PluginId(UUID.randomUUID()), "request-termination", null, null, null, Map.of(), List.of(), false);
        Plugin unknown = new Plugin(
                new PluginId(UUID.randomUUID()), "no-such-plugin", null, null, null, Map.of(), List.of(), true);
        PluginsIndex index = PluginsIndex.of(List.of(disabled, unknown));

        assertThat(index.size()).isZero();
        assertThat(index.lookup("no-such-plugin", null, null, null, false)).isEmpty();
    }
}
