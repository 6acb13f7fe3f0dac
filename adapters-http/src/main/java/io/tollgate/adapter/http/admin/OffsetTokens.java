package io.tollgate.adapter.http.admin;

import io.tollgate.domain.shared.InvalidRequest;
import java.util.Base64;
import java.util.List;

/**
 * Kong's opaque pagination {@code offset}: the base64url (unpadded) JSON array of the last row's key, e.g.
 * {@code ["<uuid>"]}. Decoding failures are Kong's code 7 errors ({@code bad base64 encoding},
 * {@code bad json encoding}).
 */
final class OffsetTokens {

    private OffsetTokens() {}

    /** The token for a key of string parts. */
    static String encode(List<String> key) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Responses.JSON.writeValueAsBytes(key));
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode an offset", e);
        }
    }

    /**
     * The key of {@code size} string parts a token holds.
     *
     * @throws InvalidRequest code 7 when the token is not base64url, not JSON, or not such an array
     */
    static List<String> decode(String token, int size) {
        byte[] json;
        try {
            json = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw InvalidRequest.invalidOffset(token, "bad base64 encoding");
        }
        Object key;
        try {
            key = Responses.JSON.readValue(json, Object.class);
        } catch (Exception e) {
            throw InvalidRequest.invalidOffset(token, "bad json encoding");
        }
        if (key instanceof List<?> parts
                && parts.size() == size
                && parts.stream().allMatch(String.class::isInstance)) {
            return parts.stream().map(String.class::cast).toList();
        }
        throw InvalidRequest.invalidOffset(token, "bad json encoding");
    }
}
