package io.tollgate.domain.shared;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A request the domain refuses, mirroring Kong's DAO error codes ({@code kong/db/errors.lua}).
 *
 * <p>Each rejection carries Kong's numeric {@link #code()}, its {@link #codeName()} and the {@link #fields()}
 * object that Kong returns beside the message. The HTTP adapter maps codes to statuses with Kong's table
 * (400 for most codes, 404 for {@code not found}, 409 for {@code unique constraint violation}).
 */
public abstract sealed class Rejection extends RuntimeException
        permits SchemaViolation, UniqueViolation, PrimaryKeyViolation, NotFound, ForeignKeyViolation, InvalidRequest {

    private final int code;
    private final String codeName;
    private final Map<String, @Nullable Object> fields;

    protected Rejection(int code, String codeName, String message, Map<String, ? extends @Nullable Object> fields) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.code = code;
        this.codeName = Objects.requireNonNull(codeName, "codeName");
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // values may be null (Kong's null)
    }

    /** Kong's numeric error code, e.g. 2 for a schema violation. */
    public int code() {
        return code;
    }

    /** Kong's error name, e.g. {@code "schema violation"}. */
    public String codeName() {
        return codeName;
    }

    /** The {@code fields} object of Kong's error body (may be empty, never null). */
    public Map<String, @Nullable Object> fields() {
        return fields;
    }

    /** The name under which {@link #fields()} is rendered: {@code "fields"}, or {@code "options"} for code 11. */
    public String fieldsName() {
        return "fields";
    }
}
