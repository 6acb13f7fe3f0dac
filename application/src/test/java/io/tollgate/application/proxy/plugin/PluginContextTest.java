package io.tollgate.application.proxy.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.proxy.FakeExchange;
import io.tollgate.application.proxy.router.RequestPaths;
import io.tollgate.application.proxy.router.RouteMatch;
import io.tollgate.application.proxy.router.RouteRequest;
import io.tollgate.application.proxy.router.Router;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.route.Route;
import io.tollgate.domain.service.Service;
import java.util.List;
import java.util.Map;
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

        PluginContext context = new PluginContext(FakeExchange.get("/orders/17/items/3"), match);

        assertThat(context.uriCaptures().get("order")).isEqualTo("17");
        assertThat(context.uriCaptures().get(1)).isEqualTo("17");
        assertThat(context.uriCaptures().get(2)).isEqualTo("3");
    }
}
