package io.tollgate.bootstrap.e2e;

import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.entity.TimeToLive;
import io.tollgate.domain.plugin.PluginCatalog;
import io.tollgate.domain.plugin.PluginDefinition;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import io.tollgate.domain.schema.RecordSchema;
import io.tollgate.domain.schema.Rule;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Builds request bodies that the entity schema accepts, from the schema alone: required fields always, optional
 * ones now and then, each value picked from a small pool of plausible values that pass the field's own
 * {@link Rule}s, foreign keys pointing at entities that exist. The domain's own validation is the oracle: a body
 * is returned only when {@link EntitySchema#validate} accepts it (for plugins, the named plugin's schema).
 */
final class ValidBodies {

    private static final List<Object> STRINGS = Stream.concat(
                    Stream.of(
                            "example.com",
                            "10.0.0.1",
                            "http",
                            "https",
                            "GET",
                            "POST",
                            "v0",
                            "v1",
                            "uuid",
                            "/",
                            "plain",
                            "x-fuzz",
                            "tag-a"),
                    PluginCatalog.all().stream().map(PluginDefinition::name))
            .map(Object.class::cast)
            .toList();
    private static final List<Object> INTEGERS =
            List.of(0L, 1L, 2L, 5L, 10L, 80L, 200L, 426L, 443L, 503L, 1000L, 60000L);

    /** A row TTL (key-auth credentials' {@code ttl}, seconds) that never runs out during a test: a year. */
    private static final long LASTING_TTL = 365L * 24 * 3600;

    private final Function<String, Optional<String>> existingId;
    private final boolean expiringRows;

    /** @param existingId the id of some existing entity of a schema (by schema name), if any */
    ValidBodies(Function<String, Optional<String>> existingId) {
        this(existingId, true);
    }

    private ValidBodies(Function<String, Optional<String>> existingId, boolean expiringRows) {
        this.existingId = existingId;
        this.expiringRows = expiringRows;
    }

    /**
     * These bodies, except that a row TTL ({@code ttl}, Kong's row expiry) is 0 (never) or a year: for workloads
     * whose oracle counts the rows and events the answers imply, which a row expiring (hidden, then deleted by the
     * node's clean-up) during the run would break.
     */
    ValidBodies withoutExpiringRows() {
        return new ValidBodies(existingId, false);
    }

    /**
     * A body that creates an entity, or empty when no try validates.
     *
     * @param forced the foreign field the URL sets (nested endpoints), left out of the body; may be null
     */
    Optional<Map<String, Object>> create(EntitySchema schema, String forced, Random random) {
        for (int attempt = 0; attempt < 40; attempt++) {
            Map<String, Object> body = record(schema.record(), forced, random, 0);
            if (body == null) {
                return Optional.empty(); // a required parent does not exist yet
            }
            if (schema.kind() == EntityKind.KEYS && body.get("jwk") != null && body.get("kid") instanceof String kid) {
                // the node parses a key's jwk (Kong's check): a JWK of the body's kid
                body.put(
                        "jwk",
                        "{\"kty\":\"oct\",\"kid\":\"" + kid.replace("\\", "").replace("\"", "")
                                + "\",\"k\":\"c2VjcmV0\"}");
                body.put("kid", kid.replace("\\", "").replace("\"", ""));
            }
            try {
                EntitySchema typing = Schemas.forInput(schema, body);
                if (typing != schema
                        && typing.field("config").map(FieldSpec::record).isPresent()) {
                    Map<String, Object> config =
                            record(typing.field("config").get().record(), null, random, 1);
                    if (config != null) {
                        body.put("config", config);
                    }
                }
                Map<String, Object> check = new LinkedHashMap<>(body);
                if (forced != null) {
                    check.put(forced, Map.of("id", UUID.randomUUID().toString()));
                }
                typing.validate(check);
                return Optional.of(body);
            } catch (RuntimeException invalid) { // the schema's SchemaViolation: try other values
                continue;
            }
        }
        return Optional.empty();
    }

    /** A PATCH body: one or two fields of a valid create body (foreign keys left alone). */
    Optional<Map<String, Object>> patch(EntitySchema schema, Random random) {
        return create(schema, null, random).map(full -> {
            List<String> keys = new ArrayList<>(full.keySet());
            keys.removeIf(
                    k -> schema.field(k).map(f -> f.kind() == Kind.FOREIGN).orElse(true) || k.equals("name"));
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < 2 && !keys.isEmpty(); i++) {
                String key = keys.remove(random.nextInt(keys.size()));
                out.put(key, full.get(key));
            }
            return out;
        });
    }

    private Map<String, Object> record(RecordSchema schema, String forced, Random random, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FieldSpec field : schema.fields()) {
            if (field.isAuto() || field.name().equals(forced)) {
                continue;
            }
            boolean needed = field.isRequired() && field.defaultValue() == null;
            if (!needed && random.nextInt(10) >= 3) {
                continue;
            }
            Object value = !expiringRows && depth == 0 && field.name().equals(TimeToLive.FIELD)
                    ? (Object) (random.nextBoolean() ? 0L : LASTING_TTL)
                    : value(field, random, depth);
            if (value == null) {
                if (needed) {
                    return null;
                }
                continue;
            }
            out.put(field.name(), value);
        }
        return out;
    }

    /** A value for {@code field} that passes its rules, or null when there is none. */
    Object value(FieldSpec field, Random random, int depth) {
        return switch (field.kind()) {
            case STRING ->
                pick(
                        field,
                        field.isUnique() || random.nextBoolean()
                                ? Stream.concat(Stream.of((Object) token(random)), STRINGS.stream())
                                        .toList()
                                : Stream.concat(
                                                STRINGS.stream(),
                                                Stream.of(
                                                        "/p-" + token(random),
                                                        UUID.randomUUID().toString(),
                                                        token(random)))
                                        .toList(),
                        random);
            case INTEGER ->
                pick(
                        field,
                        Stream.concat(INTEGERS.stream(), Stream.of((Object) (long) (1 + random.nextInt(65535))))
                                .toList(),
                        random);
            case NUMBER -> pick(field, List.of(1.0, 0.5, 10.0, 100.0), random);
            case BOOLEAN -> pick(field, List.of(random.nextBoolean()), random);
            case ARRAY, SET -> {
                Object element = field.elements() == null ? null : value(field.elements(), random, depth);
                yield element == null ? null : List.of(element);
            }
            case MAP -> {
                Object element = field.elements() == null ? null : value(field.elements(), random, depth);
                yield element == null ? null : Map.of("x-" + token(random), element);
            }
            case RECORD -> field.record() == null || depth > 3 ? null : record(field.record(), null, random, depth + 1);
            case FOREIGN ->
                field.reference() == null
                        ? null
                        : existingId
                                .apply(field.reference().kongName())
                                .map(id -> (Object) Map.of("id", id))
                                .orElse(null);
        };
    }

    /** The first candidate (after a shuffle, unique fields keep their fresh token first) that passes the rules. */
    private static Object pick(FieldSpec field, List<Object> candidates, Random random) {
        List<Object> order = new ArrayList<>(candidates);
        Object first = field.isUnique() ? order.remove(0) : null;
        Collections.shuffle(order, random);
        if (first != null) {
            order.add(0, first);
        }
        for (Object candidate : order) {
            if (passes(field, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean passes(FieldSpec field, Object candidate) {
        for (Rule rule : field.rules()) {
            try {
                if (rule.check(candidate).isPresent()) {
                    return false;
                }
            } catch (RuntimeException wrongType) {
                return false;
            }
        }
        return true;
    }

    static String token(Random random) {
        return "fz" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
    }
}
