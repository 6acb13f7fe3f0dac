package io.tollgate.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cases of Kong's unit spec {@code spec/01-unit/01-db/02-db-errors_spec.lua}: Kong's DAO error codes, names,
 * messages and {@code fields}/{@code options}, which the Admin API renders as {@code {code, name, message, fields}}
 * (the {@link Rejection} subtypes). Kong's error table also carries {@code strategy} (the database backend), which
 * the Admin API drops and Tollgate, with one backend, does not have.
 *
 * <p>Of Kong's 32 cases: 15 ported here; 17 have no counterpart: the 11 {@code __tostring} cases (Kong's
 * {@code "[strategy] message"} rendering, for logs; Tollgate has no strategy), the 4 cases of {@code DATABASE_ERROR}
 * and {@code TRANSFORMATION_ERROR} (Tollgate answers a database failure 500 {@code An unexpected error occurred}, as
 * Kong's Admin API does, never with these bodies), and {@code INVALID_FOREIGN_KEY} "creates" and
 * {@code INVALID_UNIQUE_GLOBAL} "creates" (codes 16 and 18, which nothing in Tollgate raises: it has no global
 * workspace queries). Differing: the insert/update foreign key violation names the parent's key {@code id},
 * Tollgate's only primary key (Kong's case uses a made-up {@code foreign_id}).
 */
class KongDbErrorsSpecTest {

    private static final String NULL_ID = "0000-00-00-00-00000000";

    /** One rejection of each code Tollgate raises, through the factories the product uses. */
    private static List<Rejection> oneOfEach() {
        return List.of(
                InvalidRequest.invalidPrimaryKey(Map.of("id", "expected a valid UUID")),
                SchemaViolation.of("host", "required field missing"),
                new PrimaryKeyViolation(NULL_ID),
                ForeignKeyViolation.referencedBy("routes", "services"),
                new UniqueViolation(Map.of("name", "a")),
                NotFound.byPrimaryKey(NULL_ID),
                InvalidRequest.invalidOffset("x", "bad"),
                InvalidRequest.invalidSize("size must be an integer between 1 and 1000"),
                InvalidRequest.invalidUnique("name", "name must be a string"),
                InvalidRequest.invalidOptions(Map.of("tags", "invalid filter syntax")));
    }

    /** Kong: ".codes table" "is a map of unique error codes". */
    @Test
    void is_a_map_of_unique_error_codes() {
        Map<Integer, String> nameByCode = new HashMap<>();
        for (Rejection rejection : oneOfEach()) {
            String previous = nameByCode.putIfAbsent(rejection.code(), rejection.codeName());
            assertThat(previous).as("code %d", rejection.code()).isIn(null, rejection.codeName());
        }
        assertThat(nameByCode).containsOnlyKeys(1, 2, 3, 4, 5, 6, 7, 9, 10, 11);
    }

    /** Kong: ".codes table" "all error codes have a name". */
    @Test
    void all_error_codes_have_a_name() {
        assertThat(oneOfEach())
                .extracting(Rejection::codeName)
                .containsExactly(
                        "invalid primary key",
                        "schema violation",
                        "primary key violation",
                        "foreign key violation",
                        "unique constraint violation",
                        "not found",
                        "invalid offset",
                        "invalid size",
                        "invalid unique name",
                        "invalid options");
    }

    /** Kong: "INVALID_PRIMARY_KEY" "creates". */
    @Test
    void invalid_primary_key_creates() {
        Map<String, Object> pk = Map.of("id2", "missing2", "id", "missing");
        InvalidRequest error = InvalidRequest.invalidPrimaryKey(pk);
        assertRejection(error, 1, "invalid primary key", "invalid primary key: '{id=\"missing\",id2=\"missing2\"}'");
        assertThat(error.fields()).isEqualTo(pk);
    }

    /** Kong: "SCHEMA_VIOLATION" "creates with multiple errors". */
    @Test
    void schema_violation_creates_with_multiple_errors() {
        Map<String, Object> errors = new LinkedHashMap<>();
        errors.put("foo", "expected an integer");
        errors.put("bar", "length must be 5");
        errors.put("baz", "unknown field");
        errors.put(
                "@entity",
                List.of("at least one of plim or plum is needed", "the check function errored out", "an extra error"));
        errors.put("external_entity", Map.of("id", "missing primary key"));
        SchemaViolation error = new SchemaViolation(errors);
        assertRejection(
                error,
                2,
                "schema violation",
                "7 schema violations (at least one of plim or plum is needed; the check function errored out; "
                        + "an extra error; bar: length must be 5; baz: unknown field; "
                        + "external_entity.id: missing primary key; foo: expected an integer)");
        assertThat(error.fields()).isEqualTo(errors);
    }

    /** Kong: "SCHEMA_VIOLATION" "creates with a single error". */
    @Test
    void schema_violation_creates_with_a_single_error() {
        Map<String, Object> errors = Map.of("@entity", List.of("the check function errored out"));
        SchemaViolation error = new SchemaViolation(errors);
        assertRejection(error, 2, "schema violation", "schema violation (the check function errored out)");
        assertThat(error.fields()).isEqualTo(errors);
    }

    /** Kong: "PRIMARY_KEY_VIOLATION" "creates". */
    @Test
    void primary_key_violation_creates() {
        PrimaryKeyViolation error = new PrimaryKeyViolation("already exists");
        assertRejection(error, 3, "primary key violation", "primary key violation on key '{id=\"already exists\"}'");
        assertThat(error.fields()).isEqualTo(Map.of("id", "already exists"));
    }

    /** Kong: "FOREIGN_KEY_VIOLATION" "creates an insert/update error message" (the parent's key is {@code id}). */
    @Test
    void foreign_key_violation_creates_an_insert_update_error_message() {
        ForeignKeyViolation error = ForeignKeyViolation.missingParent("service", "services", "0000-00-00-00000000");
        assertRejection(
                error,
                4,
                "foreign key violation",
                "the foreign key '{id=\"0000-00-00-00000000\"}' does not reference an existing 'services' entity.");
        assertThat(error.fields()).isEqualTo(Map.of("service", Map.of("id", "0000-00-00-00000000")));
    }

    /** Kong: "FOREIGN_KEY_VIOLATION" "creates a delete error message". */
    @Test
    void foreign_key_violation_creates_a_delete_error_message() {
        ForeignKeyViolation error = ForeignKeyViolation.referencedBy("routes", "services");
        assertRejection(
                error, 4, "foreign key violation", "an existing 'routes' entity references this 'services' entity");
        assertThat(error.fields()).isEqualTo(Map.of("@referenced_by", "routes"));
    }

    /** Kong: "NOT_FOUND" "creates". */
    @Test
    void not_found_creates() {
        NotFound error = NotFound.byPrimaryKey(NULL_ID);
        assertRejection(error, 6, "not found", "could not find the entity with primary key '{id=\"" + NULL_ID + "\"}'");
        assertThat(error.fields()).isEqualTo(Map.of("id", NULL_ID));
    }

    /** Kong: "UNIQUE_VIOLATION" "creates". */
    @Test
    void unique_violation_creates() {
        UniqueViolation error = new UniqueViolation(Map.of("id", NULL_ID));
        assertRejection(
                error, 5, "unique constraint violation", "UNIQUE violation detected on '{id=\"" + NULL_ID + "\"}'");
        assertThat(error.fields()).isEqualTo(Map.of("id", NULL_ID));
    }

    /** Kong: "INVALID_OFFSET" "creates". */
    @Test
    void invalid_offset_creates() {
        assertFieldless(
                InvalidRequest.invalidOffset("bad offset", "decoding error"),
                7,
                "invalid offset",
                "'bad offset' is not a valid offset: decoding error");
    }

    /** Kong: "INVALID_SIZE" "creates" (Kong's {@code max_page_size} is 1000). */
    @Test
    void invalid_size_creates() {
        String message = "size must be an integer between 1 and 1000";
        assertFieldless(InvalidRequest.invalidSize(message), 9, "invalid size", message);
    }

    /** Kong: "INVALID_UNIQUE" "creates". */
    @Test
    void invalid_unique_creates() {
        assertFieldless(
                InvalidRequest.invalidUnique("name", "name must be a string"),
                10,
                "invalid unique name",
                "name must be a string");
    }

    /** Kong: "INVALID_OPTIONS" "creates with multiple errors" (rendered under {@code options}, not fields). */
    @Test
    void invalid_options_creates_with_multiple_errors() {
        String ttl = "option can only be used with inserts, updates and upserts, not with 'deletes'";
        Map<String, Object> options = Map.of("ttl", ttl, "bar", List.of("must be a string", "must contain 'foo'"));
        InvalidRequest error = InvalidRequest.invalidOptions(options);
        assertRejection(
                error,
                11,
                "invalid options",
                "3 option violations (bar.1: must be a string; bar.2: must contain 'foo'; ttl: " + ttl + ")");
        assertThat(error.fields()).isEqualTo(options);
        assertThat(error.fieldsName()).isEqualTo("options");
    }

    /** Kong: "INVALID_OPTIONS" "creates with a single error". */
    @Test
    void invalid_options_creates_with_a_single_error() {
        String ttl = "option can only be used with inserts, updates and upserts, not with 'deletes'";
        InvalidRequest error = InvalidRequest.invalidOptions(Map.of("ttl", ttl));
        assertRejection(error, 11, "invalid options", "invalid option (ttl: " + ttl + ")");
        assertThat(error.fields()).isEqualTo(Map.of("ttl", ttl));
    }

    /** As {@link #assertRejection}, for the codes whose body has no {@code fields}. */
    private static void assertFieldless(Rejection error, int code, String name, String message) {
        assertRejection(error, code, name, message);
        assertThat(error.fields()).isEmpty();
    }

    private static void assertRejection(Rejection error, int code, String name, String message) {
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.codeName()).isEqualTo(name);
        assertThat(error.getMessage()).isEqualTo(message);
    }
}
