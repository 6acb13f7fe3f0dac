package io.tollgate.adapter.http.admin;

import io.tollgate.application.port.in.InspectCache;
import io.tollgate.domain.entity.Entity;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Kong's {@code /cache} endpoints (kong-internals §2.6), on this node only: {@code GET /cache/{key}} (200 with the
 * cached entity, {@code {}} for a cached miss, a JSON array for a cached list such as a consumer's ACLs, 404 when
 * absent), {@code DELETE /cache/{key}} and
 * {@code DELETE /cache} (204), plus {@code GET /cache?prefix=…} listing the keys this node holds.
 */
final class CacheEndpoints {

    private final InspectCache cache;

    CacheEndpoints(InspectCache cache) {
        this.cache = Objects.requireNonNull(cache, "cache");
    }

    Endpoint all() {
        return new Endpoint(Set.of("GET", "DELETE"), (method, exchange) -> {
            if (method.equals("GET")) {
                String prefix = Pagination.first(exchange.getQueryParameters(), "prefix");
                Responses.json(exchange, 200, Map.of("data", cache.keys(prefix == null ? "" : prefix)));
            } else {
                cache.purge();
                Responses.empty(exchange, 204);
            }
        });
    }

    Endpoint key(String key) {
        return new Endpoint(Set.of("GET", "DELETE"), (method, exchange) -> {
            if (method.equals("GET")) {
                Optional<Optional<Entity>> probed = cache.probe(key);
                if (probed.isEmpty()) {
                    List<?> list = cache.probeAll(key)
                            .map(entities ->
                                    entities.stream().map(Entity::fields).toList())
                            .orElseThrow(ClientError::notFound);
                    Responses.json(exchange, 200, list);
                    return;
                }
                Responses.json(exchange, 200, probed.get().map(Entity::fields).orElse(Map.of()));
            } else {
                cache.invalidate(key);
                Responses.empty(exchange, 204);
            }
        });
    }
}
