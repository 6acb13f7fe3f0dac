package io.tollgate.bootstrap.declarative;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.tollgate.application.port.DeclaredConfiguration;
import io.tollgate.application.port.DeclaredEntity;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.catalog.schemas.Schemas;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.schema.FieldSpec;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a declarative file (YAML with anchors and aliases, {@link YamlDocuments}; or JSON for {@code *.json}) into {@link DeclaredConfiguration}: Kong's
 * {@code _format_version} ({@code 1.1}, {@code 2.1} or {@code 3.0}, required; a 1.1 / 2.1 file's regex route paths
 * get Kong 3.0's {@code ~}, {@link LegacyRoutePaths}), {@code _transform} (default
 * {@code true}), {@code _info.select_tags} (added to every entity's {@code tags}, as decK does), {@code _workspace}
 * (ignored); every other top-level key a list of one entity kind (its Kong name), each entity possibly with the nested
 * lists of {@link Nesting}. A foreign key may be written as an id or a name string ({@code service: billing}), or as
 * {@code {id: …}} / {@code {name: …}}. A certificate's {@code snis} may be names or SNI entities. An entity's
 * {@code _comment} and {@code _ignore} (Kong's annotations) are dropped.
 *
 * <p>Structural problems (not a list, an unknown key, a top-level {@code _format_version} or {@code _comment} that
 * is not a string, an {@code _ignore} that is not a list, a nested entity naming the parent it is nested under)
 * are reported with the path where they are, in Kong's words; a list key without a value ({@code services:}) is an
 * empty list. Field values are left to the schemas ({@code ImportConfiguration#check}).
 */
public final class DeclarativeReader {

    private static final Set<String> FORMAT_VERSIONS = Set.of("1.1", "2.1", "3.0");
    private static final Set<String> META =
            Set.of("_format_version", "_transform", "_info", "_workspace", "_comment", "_ignore");

    private final List<DeclaredEntity> entities = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private List<String> selectTags = List.of();
    private boolean legacyPaths;

    private DeclarativeReader() {}

    /**
     * What reading a file gave: the configuration when there were no structural problems.
     *
     * @param configuration the entities, or {@code null} when {@code problems} is not empty
     * @param problems {@code <path>: <message>} lines, in file order
     * @param partial with problems, the entities that could be read anyway (their fields can still be checked, as
     *     Kong reports every problem of a file at once); else {@code null}
     */
    public record Result(
            @Nullable DeclaredConfiguration configuration,
            List<String> problems,
            @Nullable DeclaredConfiguration partial) {

        Result(@Nullable DeclaredConfiguration configuration, List<String> problems) {
            this(configuration, problems, null);
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException when the file cannot be read (a syntax error is a problem, not an exception)
     */
    public static Result read(Path file) throws IOException {
        Map<String, @Nullable Object> document;
        if (DeclarativeFiles.mapperFor(file) == DeclarativeFiles.yaml()) {
            Object value;
            try (Reader in = Files.newBufferedReader(file)) {
                value = YamlDocuments.read(in);
            } catch (YAMLException e) {
                return new Result(null, List.of("failed parsing " + file + ": " + e.getMessage()));
            }
            if (value != null && !(value instanceof Map<?, ?>)) {
                return new Result(null, List.of("failed parsing " + file + ": expected a mapping at the top level"));
            }
            document = new LinkedHashMap<>();
            if (value instanceof Map<?, ?> map) {
                map.forEach((k, v) -> document.put(String.valueOf(k), v));
            }
            return of(document);
        }
        try {
            document = DeclarativeFiles.mapperFor(file)
                    .readValue(Files.newBufferedReader(file), new TypeReference<Map<String, @Nullable Object>>() {});
        } catch (JacksonException e) {
            return new Result(null, List.of("failed parsing " + file + ": " + e.getOriginalMessage()));
        }
        return of(document == null ? Map.of() : document);
    }

    /** Reads an already parsed document (JSON-shaped maps and lists). */
    public static Result of(Map<String, @Nullable Object> document) {
        DeclarativeReader reader = new DeclarativeReader();
        boolean transform = reader.meta(document);
        document.forEach((key, value) -> {
            if (META.contains(key)) {
                return;
            }
            Optional<EntityKind> kind = EntityKind.byKongName(key);
            if (kind.isEmpty()) {
                reader.problems.add(key + ": unknown field");
            } else {
                reader.list(kind.get(), value, key, null);
            }
        });
        return reader.problems.isEmpty()
                ? new Result(new DeclaredConfiguration(reader.entities, transform), List.of())
                : new Result(null, List.copyOf(reader.problems), new DeclaredConfiguration(reader.entities, transform));
    }

    private boolean meta(Map<String, @Nullable Object> document) {
        Object version = document.get("_format_version");
        if (version == null) {
            problems.add("_format_version: required field missing");
        } else if (!(version instanceof String)) {
            problems.add("_format_version: expected a string");
        } else if (!FORMAT_VERSIONS.contains(String.valueOf(version))) {
            problems.add("_format_version: expected one of: 1.1, 2.1, 3.0");
        } else {
            legacyPaths = LegacyRoutePaths.applies(String.valueOf(version));
        }
        Object transform = document.get("_transform");
        if (transform != null && !(transform instanceof Boolean)) {
            problems.add("_transform: expected a boolean");
        }
        Object comment = document.get("_comment");
        if (comment != null && !(comment instanceof String)) {
            problems.add("_comment: expected a string");
        }
        Object ignore = document.get("_ignore");
        if (ignore != null && !(ignore instanceof List<?>)) {
            problems.add("_ignore: expected an array");
        }
        if (document.get("_info") instanceof Map<?, ?> info && info.get("select_tags") instanceof List<?> tags) {
            selectTags = tags.stream().map(String::valueOf).toList();
        }
        return !Boolean.FALSE.equals(transform);
    }

    private void list(EntityKind kind, @Nullable Object value, String path, DeclaredEntity.@Nullable Parent parent) {
        if (value == null) {
            return; // a key without a value (`services:`) is an empty list, as Kong reads it
        }
        if (!(value instanceof List<?> list)) {
            problems.add(path + ": expected an array");
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            entity(kind, list.get(i), path + "[" + i + "]", parent);
        }
    }

    private void entity(EntityKind kind, @Nullable Object value, String path, DeclaredEntity.@Nullable Parent parent) {
        if (kind == EntityKind.SNIS && value instanceof String name) {
            value = Map.of("name", name);
        }
        if (!(value instanceof Map<?, ?> map)) {
            problems.add(path + ": expected a record");
            return;
        }
        EntitySchema schema = Schemas.of(kind);
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        Map<Nesting, Object> nested = new LinkedHashMap<>();
        List<Nesting> below = Nesting.below(kind);
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            Optional<Nesting> nesting =
                    below.stream().filter(n -> n.child().kongName().equals(key)).findFirst();
            if (nesting.isPresent()) {
                if (v != null) {
                    nested.put(nesting.get(), v);
                }
            } else if (key.equals("_comment") || key.equals("_ignore")) {
                return;
            } else if (!(kind == EntityKind.CERTIFICATES && key.equals("snis"))) {
                fields.put(key, reference(schema, key, v));
            }
        });
        if (parent != null
                && fields.remove(parent.field()) instanceof Object named
                && !namesParent(named, entities.get(parent.index()))) {
            problems.add(path + ": schema violation (" + parent.field() + ": value must be null)");
        }
        if (legacyPaths && kind == EntityKind.ROUTES && fields.get("paths") instanceof List<?> paths) {
            fields.put(
                    "paths",
                    paths.stream()
                            .map(p -> p instanceof String text ? LegacyRoutePaths.upgraded(text) : p)
                            .toList());
        }
        if (!selectTags.isEmpty()) {
            Set<Object> tags = new LinkedHashSet<>();
            if (fields.get("tags") instanceof List<?> given) {
                tags.addAll(given);
            }
            tags.addAll(selectTags);
            fields.put("tags", List.copyOf(tags));
        }
        int index = entities.size();
        entities.add(new DeclaredEntity(path, kind, fields, parent));
        nested.forEach((nesting, list) -> list(
                nesting.child(),
                list,
                path + "." + nesting.child().kongName(),
                new DeclaredEntity.Parent(nesting.field(), index)));
    }

    /**
     * Whether a nested entity's own reference to its parent ({@code consumer: bob} under consumer {@code bob}) names
     * the entity it is nested in, by {@code id} or endpoint key, as Kong's flatten accepts it; any other value is
     * Kong's {@code value must be null}.
     */
    private static boolean namesParent(Object reference, DeclaredEntity parent) {
        if (!(reference instanceof Map<?, ?> key) || key.size() != 1) {
            return false;
        }
        Map.Entry<?, ?> only = key.entrySet().iterator().next();
        Object own = parent.fields().get(String.valueOf(only.getKey()));
        return own != null
                && only.getValue() != null
                && ("id".equals(only.getKey())
                        ? String.valueOf(own).equalsIgnoreCase(String.valueOf(only.getValue()))
                        : own.equals(only.getValue()));
    }

    /** A foreign key written as a string: {@code {id: …}} for a UUID, else by the referenced kind's endpoint key. */
    private static @Nullable Object reference(EntitySchema schema, String field, @Nullable Object value) {
        Optional<FieldSpec> spec = schema.field(field).filter(f -> f.reference() != null);
        if (spec.isEmpty() || !(value instanceof String text)) {
            return value;
        }
        EntitySchema parent = Schemas.referencedBy(spec.get());
        boolean uuid;
        try {
            uuid = UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            uuid = false;
        }
        return uuid || parent.endpointKey() == null ? Map.of("id", text) : Map.of(parent.endpointKey(), text);
    }
}
