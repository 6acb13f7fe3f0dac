package io.tollgate.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.OnDelete;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the Admin API said it wrote: every entity a 2xx answer returned (the latest answer per id), how often each
 * id was written, and the deletes with the cascades the schemas imply ({@link OnDelete}). Thread-safe.
 */
final class Ledger {

    /** One entity by schema name and id. */
    record Row(String schema, String id) {}

    /** JSON equality where numbers compare by value (jsonb may print {@code 1.0E10} as {@code 10000000000}). */
    static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) ->
            a.equals(b) || a.isNumber() && b.isNumber() && a.decimalValue().compareTo(b.decimalValue()) == 0 ? 0 : 1;

    private final AdminSurface surface;
    private final Map<String, Map<String, JsonNode>> entities = new ConcurrentHashMap<>();
    private final Map<String, List<String>> ids = new ConcurrentHashMap<>();
    private final Map<Row, AtomicInteger> writes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> created = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> deleted = new ConcurrentHashMap<>();

    Ledger(AdminSurface surface) {
        this.surface = surface;
        for (AdminSurface.Resource r : surface.resources) {
            String name = r.schema().name();
            entities.put(name, new ConcurrentHashMap<>());
            ids.put(name, new ArrayList<>());
            created.put(name, new AtomicInteger());
            deleted.put(name, new AtomicInteger());
        }
    }

    /** Records an entity a 2xx answer returned for {@code schema}. */
    void written(String schema, JsonNode entity) {
        String id = entity.path("id").asText();
        entities.get(schema).put(id, entity);
        if (writes.computeIfAbsent(new Row(schema, id), k -> new AtomicInteger())
                        .incrementAndGet()
                == 1) {
            created.get(schema).incrementAndGet();
            List<String> known = ids.get(schema);
            synchronized (known) {
                known.add(id);
            }
        }
    }

    /** The id of some existing entity of {@code schema}. */
    Optional<String> anyId(String schema) {
        return anyId(schema, ThreadLocalRandom.current());
    }

    /** The id of some existing entity of {@code schema}, picked with {@code random} (the same for the same seed). */
    Optional<String> anyId(String schema, Random random) {
        List<String> known = ids.get(schema);
        if (known == null) {
            return Optional.empty();
        }
        for (int i = 0; i < 5; i++) {
            String id;
            synchronized (known) {
                if (known.isEmpty()) {
                    return Optional.empty();
                }
                id = known.get(random.nextInt(known.size()));
            }
            if (entities.get(schema).containsKey(id)) {
                return Optional.of(id);
            }
        }
        return Optional.empty();
    }

    /** The id of some entity of {@code schema} whose {@code foreignField} references {@code parentId}. */
    Optional<String> anyChild(String schema, String foreignField, String parentId) {
        for (int i = 0; i < 8; i++) {
            Optional<String> id = anyId(schema);
            if (id.isPresent()
                    && foreignId(new Row(schema, id.get()), foreignField)
                            .filter(p -> p.equals(parentId))
                            .isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    Optional<String> endpointKey(EntitySchema schema, String id) {
        JsonNode entity = entities.get(schema.name()).get(id);
        JsonNode key = entity == null || schema.endpointKey() == null ? null : entity.get(schema.endpointKey());
        return key == null || !key.isTextual() ? Optional.empty() : Optional.of(key.asText());
    }

    Optional<String> foreignId(Row row, String field) {
        JsonNode entity = entities.get(row.schema()).get(row.id());
        JsonNode id = entity == null ? null : entity.path(field).get("id");
        return id == null || !id.isTextual() ? Optional.empty() : Optional.of(id.asText());
    }

    List<Row> rows() {
        List<Row> out = new ArrayList<>();
        entities.forEach((schema, byId) -> byId.keySet().forEach(id -> out.add(new Row(schema, id))));
        out.sort(Comparator.comparing(Row::schema).thenComparing(Row::id));
        return out;
    }

    boolean exists(Row row) {
        return entities.get(row.schema()).containsKey(row.id());
    }

    /** {@code row} and everything deleting it deletes with it (ON DELETE CASCADE references, transitively). */
    List<Row> cascadeOf(Row row) {
        Set<Row> out = new LinkedHashSet<>(List.of(row));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Row candidate : rows()) {
                if (!out.contains(candidate) && references(candidate, out, OnDelete.CASCADE)) {
                    out.add(candidate);
                    grew = true;
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether an entity outside {@code doomed} references one inside with ON DELETE RESTRICT. */
    boolean restricts(List<Row> doomed) {
        Set<Row> set = Set.copyOf(doomed);
        return rows().stream().anyMatch(r -> !set.contains(r) && references(r, set, OnDelete.RESTRICT));
    }

    private boolean references(Row child, Set<Row> parents, OnDelete onDelete) {
        for (FieldSpec field : surface.of(child.schema()).schema().foreignFields()) {
            if (field.onDelete() == onDelete && field.reference() != null) {
                Optional<String> parent = foreignId(child, field.name());
                if (parent.isPresent()
                        && parents.contains(new Row(field.reference().kongName(), parent.get()))) {
                    return true;
                }
            }
        }
        return false;
    }

    void deleted(List<Row> rows) {
        for (Row row : rows) {
            if (entities.get(row.schema()).remove(row.id()) != null) {
                deleted.get(row.schema()).incrementAndGet();
            }
        }
    }

    Map<String, JsonNode> entities(String schema) {
        return new HashMap<>(entities.get(schema));
    }

    boolean writtenOnce(String schema, String id) {
        AtomicInteger count = writes.get(new Row(schema, id));
        return count != null && count.get() == 1;
    }

    int createdMinusDeleted(String schema) {
        return created.get(schema).get() - deleted.get(schema).get();
    }

    /**
     * Takes the stored version of entities written more than once: concurrent writes to one entity may have been
     * answered in another order than they were applied, and the deletes' cascades depend on the latest references.
     */
    void refreshRewritten(String schema, Map<String, JsonNode> stored) {
        entities.get(schema)
                .replaceAll(
                        (id, entity) -> writtenOnce(schema, id) || !stored.containsKey(id) ? entity : stored.get(id));
    }

    String summary(String schema) {
        return created.get(schema) + " created by 2xx answers - " + deleted.get(schema) + " deleted";
    }
}
