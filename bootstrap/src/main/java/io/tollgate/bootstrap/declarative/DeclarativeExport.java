package io.tollgate.bootstrap.declarative;

import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import io.tollgate.domain.schema.Kind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A configuration as Kong's declarative file ({@code kong config db_export}, decK's nesting):
 *
 * <pre>{@code
 * _format_version: "3.0"
 * _transform: false            # basic-auth passwords are exported hashed
 * _info: {select_tags: [ … ]}  # only with select tags: then only the entities carrying all of them
 * certificates: [ {id, cert, key, …, snis: [ {id, name, tags} ]} ]
 * ca_certificates: [ … ]
 * services: [ {id, name, host, …, routes: [ {id, name, …, plugins: [ … ]} ], plugins: [ … ]} ]
 * routes: [ … ]                # only routes without a service
 * consumers: [ {id, username, …, plugins, keyauth_credentials, basicauth_credentials, hmacauth_credentials,
 *               jwt_secrets, acls} ]
 * plugins: [ … ]               # global ones, and those scoped to more than one of route, service and consumer
 * upstreams: [ {id, name, …, targets: [ … ]} ]
 * }</pre>
 *
 * Kept: ids (as Kong's export keeps them) and every field, but not {@code created_at} / {@code updated_at}, nor a
 * top-level field that is {@code null} where its default is {@code null} too; a plugin's {@code config} as stored.
 * Foreign keys by the parent's name (its unique endpoint key: {@code name}, {@code username}) where it has one,
 * else by id; the foreign key to the entity a nested one is listed under is implied. Entities in id order within
 * their list; empty lists left out. Secrets included: an export is as sensitive as the database.
 */
public final class DeclarativeExport {

    /** Kong's declarative format version written and read. */
    public static final String FORMAT_VERSION = "3.0";

    private static final Set<String> TIMESTAMPS = Set.of("created_at", "updated_at");

    private final Map<EntityKind, Map<UUID, Entity>> byId = new EnumMap<>(EntityKind.class);
    private final Map<UUID, Map<String, List<Entity>>> children = new HashMap<>();
    private final Map<EntityKind, List<Entity>> topLevel = new EnumMap<>(EntityKind.class);
    private final List<String> selectTags;
    private final Set<UUID> selected = new HashSet<>();

    private DeclarativeExport(PastConfiguration configuration, List<String> selectTags) {
        this.selectTags = List.copyOf(selectTags);
        configuration.entities().forEach((kind, entities) -> {
            Map<UUID, Entity> ids = new LinkedHashMap<>();
            entities.forEach(e -> ids.put(e.id(), e));
            byId.put(kind, ids);
            entities.stream().filter(this::carriesSelectTags).forEach(e -> selected.add(e.id()));
        });
        configuration.entities().forEach((kind, entities) -> {
            for (Entity entity : entities) {
                if (!selected.contains(entity.id())) {
                    continue;
                }
                Optional<Nesting> nesting = nestingOf(entity)
                        .filter(n ->
                                selected.contains(entity.foreignId(n.field()).orElseThrow()));
                if (nesting.isPresent()) {
                    UUID parent = entity.foreignId(nesting.get().field()).orElseThrow();
                    children.computeIfAbsent(parent, p -> new HashMap<>())
                            .computeIfAbsent(kind.kongName(), k -> new ArrayList<>())
                            .add(entity);
                } else {
                    topLevel.computeIfAbsent(kind, k -> new ArrayList<>()).add(entity);
                }
            }
        });
    }

    /** The document to write with {@link DeclarativeFiles}: keys in the order above. */
    public static Map<String, Object> of(PastConfiguration configuration) {
        return of(configuration, List.of());
    }

    /**
     * The document of the entities carrying every one of {@code selectTags} (decK's {@code --select-tag}), with
     * {@code _info: {select_tags: […]}} after {@code _transform}; every entity when {@code selectTags} is empty. A
     * selected entity whose parent is not selected is listed at the top level, its foreign key by the parent's name
     * (else id); entities of a kind without {@code tags} are never selected.
     */
    public static Map<String, Object> of(PastConfiguration configuration, List<String> selectTags) {
        return new DeclarativeExport(configuration, selectTags).document();
    }

    /** How many entities {@code document} (from {@link #of}) lists, nested ones included. */
    public static long count(Map<String, ?> document) {
        long count = 0;
        for (Map.Entry<String, ?> entry : document.entrySet()) {
            if (EntityKind.byKongName(entry.getKey()).isPresent() && entry.getValue() instanceof List<?> list) {
                for (Object entity : list) {
                    if (entity instanceof Map<?, ?> fields) {
                        Map<String, Object> nested = new HashMap<>();
                        fields.forEach((k, v) -> nested.put(String.valueOf(k), v));
                        count += 1 + count(nested);
                    }
                }
            }
        }
        return count;
    }

    private boolean carriesSelectTags(Entity entity) {
        if (selectTags.isEmpty()) {
            return true;
        }
        return entity.get("tags") instanceof List<?> tags && tags.containsAll(selectTags);
    }

    private Map<String, Object> document() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("_format_version", FORMAT_VERSION);
        document.put("_transform", false);
        if (!selectTags.isEmpty()) {
            document.put("_info", Map.of("select_tags", selectTags));
        }
        topLevel.forEach((kind, entities) -> document.put(
                kind.kongName(), entities.stream().map(e -> shown(e, null)).toList()));
        return document;
    }

    /** The nesting {@code entity} is listed under: the only one of its nestings whose foreign field is set. */
    private static Optional<Nesting> nestingOf(Entity entity) {
        List<Nesting> set = Nesting.ALL.stream()
                .filter(n -> n.child() == entity.schema().kind())
                .filter(n -> entity.get(n.field()) != null)
                .toList();
        long scoped = entity.schema().foreignFields().stream()
                .filter(f -> entity.get(f.name()) != null)
                .count();
        return set.size() == 1 && scoped == 1 ? Optional.of(set.get(0)) : Optional.empty();
    }

    private Map<String, @Nullable Object> shown(Entity entity, @Nullable String impliedField) {
        EntitySchema schema = Schemas.of(entity.schema().kind());
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        entity.fields().forEach((name, value) -> {
            if (TIMESTAMPS.contains(name) || name.equals(impliedField)) {
                return;
            }
            Optional<FieldSpec> spec = schema.field(name);
            if (schema.kind() == EntityKind.CERTIFICATES && name.equals(Certificates.SNIS)) {
                return; // transient: the SNIs are listed as entities below
            }
            if (value == null && spec.map(s -> s.defaultValue() == null).orElse(true)) {
                return;
            }
            if (spec.isPresent() && spec.get().kind() == Kind.FOREIGN && value != null) {
                out.put(name, reference(spec.get(), entity.foreignId(name).orElseThrow()));
                return;
            }
            out.put(name, value);
        });
        Map<String, List<Entity>> nested = children.getOrDefault(entity.id(), Map.of());
        for (Nesting nesting : Nesting.below(schema.kind())) {
            List<Entity> list = nested.get(nesting.child().kongName());
            if (list != null && !list.isEmpty()) {
                out.put(
                        nesting.child().kongName(),
                        list.stream().map(e -> shown(e, nesting.field())).toList());
            }
        }
        return out;
    }

    /** A foreign key as the parent's unique endpoint key when it has one, else its id. */
    private String reference(FieldSpec field, UUID id) {
        EntitySchema parent = Schemas.referencedBy(field);
        Entity referenced = byId.getOrDefault(parent.kind(), Map.of()).get(id);
        String key = parent.endpointKey();
        if (referenced != null
                && key != null
                && parent.field(key).map(FieldSpec::isUnique).orElse(false)
                && referenced.get(key) instanceof String name) {
            return name;
        }
        return id.toString();
    }
}
