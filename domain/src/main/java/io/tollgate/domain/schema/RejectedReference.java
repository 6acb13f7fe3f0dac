package io.tollgate.domain.schema;

import java.util.Map;

/**
 * A foreign reference by endpoint key whose key its entity's own field refuses (a route's {@code {"service": {"name":
 * "\\o/"}}}), left in the input in place of the reference so that validation reports {@link #errors()} as the
 * field's error beside every other field's, as Kong's schema validates such a reference (Kong's
 * {@code validate_endpoint_key}).
 *
 * @param errors the field's error in Kong's shape, e.g. {@code {"name": "invalid value '\o/': …"}}
 */
public record RejectedReference(Map<String, Object> errors) {
    public RejectedReference {
        errors = Map.copyOf(errors);
    }
}
