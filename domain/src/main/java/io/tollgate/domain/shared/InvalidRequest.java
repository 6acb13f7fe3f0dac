package io.tollgate.domain.shared;

import java.util.List;
import java.util.Map;

/**
 * Kong's remaining client-side codes: 1 {@code invalid primary key}, 7 {@code invalid offset}, 9 {@code invalid size},
 * 10 {@code invalid unique <field>}, 11 {@code invalid options} (whose details render under {@code "options"}), 13
 * {@code foreign keys unresolved}, 14 {@code invalid declarative configuration} (a declarative file's reference that
 * names no entity).
 * All answer HTTP 400.
 */
public final class InvalidRequest extends Rejection {

    public InvalidRequest(int code, String codeName, String message, Map<String, Object> fields) {
        super(code, codeName, message, fields);
    }

    public static InvalidRequest invalidSize(String message) {
        return new InvalidRequest(9, "invalid size", message, Map.of());
    }

    public static InvalidRequest invalidOffset(String token, String why) {
        return new InvalidRequest(7, "invalid offset", "'" + token + "' is not a valid offset: " + why, Map.of());
    }

    /**
     * Kong's {@code invalid_unique}: a unique key given in the URL (e.g. {@code PUT /upstreams/1.2.3.4}) that its
     * field's rules reject; the message is the rule's own.
     */
    public static InvalidRequest invalidUnique(String field, String message) {
        return new InvalidRequest(10, "invalid unique " + field, message, Map.of());
    }

    /**
     * Kong's code 11 for rejected query options, its message built from {@code options} as Kong's:
     * {@code invalid option (tags: …)} for one, {@code 3 option violations (bar.1: …; bar.2: …; ttl: …)} for
     * more (names in order, a list's messages numbered from 1).
     *
     * @param options option name to its message, or to a list of messages
     */
    public static InvalidRequest invalidOptions(Map<String, Object> options) {
        List<String> parts = SchemaViolation.violations(options);
        String message = parts.size() == 1
                ? "invalid option (" + parts.get(0) + ")"
                : parts.size() + " option violations (" + String.join("; ", parts) + ")";
        return new InvalidRequest(11, "invalid options", message, options);
    }

    /**
     * Kong's code 1 for a primary key that is not one:
     * {@code invalid primary key: '{id="expected a valid UUID"}'}, keys in name order.
     *
     * @param problems each primary key field to what is wrong with it
     */
    public static InvalidRequest invalidPrimaryKey(Map<String, Object> problems) {
        String message = "invalid primary key: '" + UniqueViolation.render(problems) + "'";
        return new InvalidRequest(1, "invalid primary key", message, problems);
    }

    @Override
    public String fieldsName() {
        return code() == 11 ? "options" : "fields";
    }
}
