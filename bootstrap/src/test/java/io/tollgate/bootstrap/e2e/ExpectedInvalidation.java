package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code entity_event} row that one entity change must append: schema, entity id, operation, the cache keys every
 * other node purges and the versions it bumps. The keys are computed from the entity as A's Admin API shows it, with
 * the formats of the README's "Cache keys" table written out here on purpose rather than taken from the domain's
 * {@code CacheKeys}/{@code Invalidations}: the product's key derivation is what is under test, so it cannot be the
 * oracle.
 *
 * @param cacheKeys the keys of the new state and, for an update, of the old one
 * @param bumps {@code router:version} for any route change and a service update, {@code plugins_iterator:version}
 *     for any plugin change, {@code balancer:version} and {@code healthchecks:version} for any upstream or target
 *     change, {@code certificates:version} for any certificate or SNI change, nothing else
 */
record ExpectedInvalidation(
        String schema, String entityId, String operation, Set<String> cacheKeys, Set<String> bumps) {

    static ExpectedInvalidation created(String ws, String schema, JsonNode entity) {
        return new ExpectedInvalidation(
                schema, entity.get("id").asText(), "create", keysOf(ws, schema, entity), bumps(schema, "create"));
    }

    static ExpectedInvalidation updated(String ws, String schema, JsonNode before, JsonNode after) {
        Set<String> keys = new LinkedHashSet<>(keysOf(ws, schema, after));
        keys.addAll(keysOf(ws, schema, before));
        return new ExpectedInvalidation(schema, after.get("id").asText(), "update", keys, bumps(schema, "update"));
    }

    static ExpectedInvalidation deleted(String ws, String schema, JsonNode entity) {
        return new ExpectedInvalidation(
                schema, entity.get("id").asText(), "delete", keysOf(ws, schema, entity), bumps(schema, "delete"));
    }

    /** The README's key formats: {@code <schema>:<v1>:…:<v5>:<ws>}, plus the extra keys some entities carry. */
    static Set<String> keysOf(String ws, String schema, JsonNode e) {
        String id = e.get("id").asText();
        return switch (schema) {
            case "services", "routes", "certificates" -> Set.of(key(ws, schema, id));
            case "consumers" ->
                e.path("username").isTextual()
                        ? Set.of(
                                key(ws, schema, id),
                                key(ws, schema, e.get("username").asText()))
                        : Set.of(key(ws, schema, id));
            case "plugins" ->
                Set.of(key(ws, schema, e.get("name").asText(), ref(e, "route"), ref(e, "service"), ref(e, "consumer")));
            case "keyauth_credentials", "jwt_secrets" ->
                Set.of(key(ws, schema, e.get("key").asText()));
            case "basicauth_credentials", "hmacauth_credentials" ->
                Set.of(key(ws, schema, e.get("username").asText()));
            case "acls" ->
                Set.of(
                        key(ws, schema, ref(e, "consumer"), e.get("group").asText()),
                        key(ws, schema, ref(e, "consumer")));
            case "upstreams" -> Set.of(key(ws, schema, id), "balancer:upstreams", "balancer:upstreams:" + id);
            case "targets" ->
                Set.of(key(ws, schema, ref(e, "upstream"), e.get("target").asText()));
            case "snis" -> Set.of(key(ws, schema, id), "snis:" + e.get("name").asText());
            case "ca_certificates" -> Set.of(key("", schema, id));
            case "key_sets" -> Set.of(key(ws, schema, id));
            case "keys" -> Set.of(key(ws, schema, e.get("kid").asText(), ref(e, "set")));
            case "vaults" -> Set.of(key(ws, schema, e.get("prefix").asText()));
            default -> throw new IllegalArgumentException("no documented cache key for " + schema);
        };
    }

    /** {@code <schema>:<v1>:<v2>:<v3>:<v4>:<v5>:<ws>}, missing values empty. */
    static String key(String ws, String schema, String... values) {
        StringBuilder key = new StringBuilder(schema);
        for (int i = 0; i < 5; i++) {
            key.append(':').append(i < values.length ? values[i] : "");
        }
        return key.append(':').append(ws).toString();
    }

    private static String ref(JsonNode entity, String field) {
        JsonNode ref = entity.path(field);
        return ref.isObject() ? ref.get("id").asText() : "";
    }

    private static Set<String> bumps(String schema, String operation) {
        return switch (schema) {
            case "routes" -> Set.of("router:version");
            case "services" -> operation.equals("update") ? Set.of("router:version") : Set.of();
            case "plugins" -> Set.of("plugins_iterator:version");
            case "upstreams", "targets" -> Set.of("balancer:version", "healthchecks:version");
            case "certificates", "snis" -> Set.of("certificates:version");
            default -> Set.of();
        };
    }

    /** What the event log actually holds for one row. */
    record Logged(
            String nodeId,
            String schema,
            String entityId,
            String operation,
            List<String> cacheKeys,
            Set<String> bumps) {

        /** This row in the shape of an expectation (keys as a set; duplicates are checked separately). */
        ExpectedInvalidation asExpected() {
            return new ExpectedInvalidation(schema, entityId, operation, Set.copyOf(cacheKeys), bumps);
        }
    }
}
