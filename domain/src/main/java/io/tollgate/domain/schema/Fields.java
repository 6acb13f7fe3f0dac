package io.tollgate.domain.schema;

import io.tollgate.domain.catalog.EntityKind;
import java.util.List;
import java.util.Map;

/** Factories for {@link FieldSpec}s, named after Kong's typedefs. */
public final class Fields {

    private Fields() {}

    public static FieldSpec string(String name) {
        return FieldSpec.of(name, Kind.STRING);
    }

    public static FieldSpec integer(String name) {
        return FieldSpec.of(name, Kind.INTEGER);
    }

    public static FieldSpec number(String name) {
        return FieldSpec.of(name, Kind.NUMBER);
    }

    public static FieldSpec bool(String name) {
        return FieldSpec.of(name, Kind.BOOLEAN);
    }

    public static FieldSpec array(String name, FieldSpec elements) {
        return FieldSpec.of(name, Kind.ARRAY).withElements(elements);
    }

    public static FieldSpec set(String name, FieldSpec elements) {
        return FieldSpec.of(name, Kind.SET).withElements(elements);
    }

    public static FieldSpec map(String name, FieldSpec values) {
        return FieldSpec.of(name, Kind.MAP).withElements(values);
    }

    public static FieldSpec record(String name, RecordSchema schema) {
        return FieldSpec.of(name, Kind.RECORD).withRecord(schema).defaultValue(Map.of());
    }

    /** A reference to an entity of {@code kind}, input and output as {@code {"id": "<uuid>"}}. */
    public static FieldSpec foreign(String name, EntityKind kind) {
        return FieldSpec.of(name, Kind.FOREIGN).withReference(kind);
    }

    /** The primary key: a UUID string the server generates when absent. */
    public static FieldSpec id() {
        return string("id").auto().rule(Rules.uuid());
    }

    /** {@code created_at} / {@code updated_at}: integer seconds since the epoch, set by the server. */
    public static FieldSpec timestamp(String name) {
        return integer(name).auto();
    }

    /** Kong's {@code tags}: a set of strings without {@code ,} and {@code /}. */
    public static FieldSpec tags() {
        return set("tags", string("tag").rule(Rules.tag()));
    }

    /** Kong's {@code protocols} of plugins: by default {@code grpc, grpcs, http, https}. */
    public static FieldSpec pluginProtocols() {
        return set("protocols", string("protocol").rule(Rules.oneOf("grpc", "grpcs", "http", "https")))
                .required()
                .defaultValue(List.of("grpc", "grpcs", "http", "https"));
    }
}
