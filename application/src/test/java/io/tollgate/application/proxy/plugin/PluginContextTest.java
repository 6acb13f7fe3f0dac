package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.port.DatabaseOutages;
import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.application.proxy.NoJson;
import io.tollgate.application.proxy.router.RequestPaths;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.application.proxy.router.RouteRequest;
import io.tollgate.application.proxy.router.Router;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.application.testing.InMemoryNodeCache;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import io.tollgate.domain.shared.WorkspaceId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PluginContextTest {

    @Test
    void pluginsReadTheRegexCapturesOfTheMatchedRoute() {
        Entity serviceEntity = Entities.service("http://up:80", Map.of());
        Service service = Service.of(serviceEntity);
        Route route = Route.of(
                Entities.route(serviceEntity, Map.of("paths", List.of("~/orders/(?<order>\\d+)/items/(\\d+)"))));
        Router router = Router.compile(List.of(route), Map.of(service.id(), service));
        RouteMatch match = router.match(
                        new RouteRequest("GET", "", 8000, RequestPaths.normalize("/orders/17/items/3"), n -> List.of()))
                .orElseThrow();

        PluginPhases phases = PluginPhases.withBundledPlugins(
                new PluginsHolder(new InMemoryEntityStore()),
                new InMemoryEntityStore(),
                new InMemoryNodeCache(),
                new WorkspaceId(UUID.randomUUID()),
                NoJson.CODEC,
                new DatabaseOutages());
        RequestContext context = phases.begin(FakeExchange.get("/orders/17/items/3"));
        assertThat(context.uriCapture("order")).as("before routing").isNull();
        phases.access(context, match);

        assertThat(context.uriCapture("order")).isEqualTo("17");
        assertThat(context.uriCapture("1")).isEqualTo("17");
        assertThat(context.uriCapture("2")).isEqualTo("3");
        assertThat(context.uriCapture("3")).isNull();
    }
}
