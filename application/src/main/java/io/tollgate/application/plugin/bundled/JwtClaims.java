package io.tollgate.application.plugin.bundled;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Kong's registered-claims checks of the jwt plugin, as {@code claim -> message} maps (the 401 body): each claim of
 * {@code claims_to_verify} must be a number ({@code "must be a number"}, also when missing); {@code exp} at or before
 * now is {@code "token expired"}, {@code nbf} after now {@code "token not valid yet"}; with
 * {@code maximum_expiration}, an {@code exp} further than that from now (or none) is
 * {@code "exceeds maximum allowed expiration"}. Times are epoch seconds.
 */
final class JwtClaims {

    private JwtClaims() {}

    /** The failures of {@code toVerify} ({@code exp}, {@code nbf}) at {@code now}; empty when all pass. */
    static Map<String, String> verify(Map<String, @Nullable Object> claims, List<String> toVerify, long now) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String name : toVerify) {
            if (!(claims.get(name) instanceof Number value)) {
                errors.put(name, "must be a number");
            } else if (name.equals("exp") && value.doubleValue() <= now) {
                errors.put(name, "token expired");
            } else if (name.equals("nbf") && value.doubleValue() > now) {
                errors.put(name, "token not valid yet");
            }
        }
        return errors;
    }

    /** Kong's {@code check_maximum_expiration}: {@code exp} at most {@code maximum} seconds after {@code now}. */
    static Map<String, String> maximumExpiration(Map<String, @Nullable Object> claims, double maximum, long now) {
        if (!(claims.get("exp") instanceof Number exp) || exp.doubleValue() - now > maximum) {
            return Map.of("exp", "exceeds maximum allowed expiration");
        }
        return Map.of();
    }
}
