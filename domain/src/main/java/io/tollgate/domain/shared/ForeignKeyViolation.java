package io.tollgate.domain.shared;

import java.util.Map;

/**
 * Kong's code 4, {@code foreign key violation} (HTTP 400): a reference to a missing parent, or the delete of a
 * parent that others still reference (restricted foreign keys, e.g. a service used by routes).
 */
public final class ForeignKeyViolation extends Rejection {

    private ForeignKeyViolation(String message, Map<String, Object> fields) {
        super(4, "foreign key violation", message, fields);
    }

    /** {@code field} references a {@code parentSchema} entity that does not exist. */
    public static ForeignKeyViolation missingParent(String field, String parentSchema, String parentId) {
        return new ForeignKeyViolation(
                "the foreign key '{id=\"" + parentId + "\"}' does not reference an existing '" + parentSchema
                        + "' entity.",
                Map.of(field, Map.of("id", parentId)));
    }

    /** A {@code childSchema} entity still references the {@code parentSchema} entity being deleted. */
    public static ForeignKeyViolation referencedBy(String childSchema, String parentSchema) {
        return new ForeignKeyViolation(
                "an existing '" + childSchema + "' entity references this '" + parentSchema + "' entity",
                Map.of("@referenced_by", childSchema));
    }
}
