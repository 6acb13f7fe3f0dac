package io.tollgate.domain.credential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Admin API tokens ({@link AdminAccount.Kind#TOKEN}): 32 random bytes from {@link SecureRandom}, shown once as
 * base64url without padding (43 characters), stored only as the lower-case hex of their SHA-256 (64 characters). A
 * plain hash suffices (no salt, no stretching) because the token is random with 256 bits of entropy, not chosen by a
 * person; it also lets the store find an account by the hash of the presented token.
 */
public final class AdminTokens {

    private static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AdminTokens() {}

    /** A new random token, 43 characters of base64url. */
    public static String generate() {
        byte[] bytes = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The stored form of {@code token}: lower-case hex SHA-256 of its UTF-8 bytes, 64 characters. */
    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
