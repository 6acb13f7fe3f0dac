package io.tollgate.bootstrap.e2e;

import static io.tollgate.bootstrap.e2e.KongSpecClient.body;

import java.util.Map;

/**
 * Kong's {@code spec/03-plugins/23-rate-limiting/06-shorthand_fields_spec.lua} through the Admin API (the cases are
 * in {@link KongShorthandFieldsSpec}): all 5 cases are ported.
 */
class KongRateLimitingShorthandFieldsSpecIT extends KongShorthandFieldsSpec {

    @Override
    String plugin() {
        return "rate-limiting";
    }

    @Override
    Map<String, Object> minute(int limit) {
        return body("minute", limit);
    }
}
