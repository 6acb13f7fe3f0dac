package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;

import java.util.Map;

/**
 * Kong's {@code spec/03-plugins/24-response-rate-limiting/06-shorthand_fields_spec.lua} through the Admin API (the
 * cases are in {@link KongShorthandFieldsSpec}, a {@code video} limit standing for the periods): all 5 cases are
 * ported.
 */
class KongResponseRateLimitingShorthandFieldsSpecIT extends KongShorthandFieldsSpec {

    @Override
    String plugin() {
        return "response-ratelimiting";
    }

    @Override
    Map<String, Object> minute(int limit) {
        return body("limits", body("video", body("minute", limit)));
    }
}
