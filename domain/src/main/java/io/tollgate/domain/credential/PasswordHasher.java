package io.tollgate.domain.credential;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashes and verifies basic-auth passwords. Kong stores {@code sha1_hex(password .. consumer_id)}, which is fast to
 * brute-force; Tollgate stores PBKDF2-HMAC-SHA256 with a random 16-byte salt, in a self-describing string
 * {@code $pbkdf2-sha256$i=<iterations>$<salt>$<hash>} (base64 without padding, 32-byte hash), so the cost can be
 * raised later without invalidating stored hashes. {@link #matches} also recognises Kong's 40-hex-digit SHA-1 hashes,
 * for credentials imported from Kong.
 *
 * <p>Hashing is deliberately slow (tens to hundreds of milliseconds): callers on the proxy path must not run it on an
 * I/O thread and should remember successful verifications rather than repeat them per request.
 *
 * <p>Thread-safe.
 */
public final class PasswordHasher {

    /** The iterations of new hashes (OWASP's 2023 figure for PBKDF2-HMAC-SHA512, a compromise for a gateway). */
    public static final int DEFAULT_ITERATIONS = 210_000;

    private static final String PREFIX = "$pbkdf2-sha256$";
    private static final Pattern PBKDF2 =
            Pattern.compile("\\$pbkdf2-sha256\\$i=(\\d{1,9})\\$([A-Za-z0-9+/]{1,64})\\$([A-Za-z0-9+/]{1,128})");
    private static final Pattern KONG_SHA1 = Pattern.compile("[0-9a-f]{40}");
    /** Verification refuses stored hashes dearer than this, so a planted hash cannot stall a worker. */
    private static final int MAX_ITERATIONS = 10_000_000;

    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    /** A hasher with {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * @param iterations PBKDF2 iterations of new hashes, at least 1 (tests use few; production the default)
     * @throws IllegalArgumentException when {@code iterations} is below 1
     */
    public PasswordHasher(int iterations) {
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, got " + iterations);
        }
        this.iterations = iterations;
    }

    /** A new salted hash of {@code password}; two calls give different strings. */
    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
        return PREFIX + "i=" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** Whether {@code value} is a hash this class made (so not a clear-text password to hash). */
    public static boolean isHash(String value) {
        return PBKDF2.matcher(value).matches();
    }

    /** Whether {@code value} looks like Kong's {@code sha1_hex(password .. consumer_id)}. */
    public static boolean isKongHash(String value) {
        return KONG_SHA1.matcher(value).matches();
    }

    /**
     * Whether {@code candidate} is the password {@code stored} was made from, in constant time for a given hash.
     *
     * @param stored a hash from {@link #hash} or Kong's SHA-1 hex hash
     * @param consumerId the credential's consumer, part of Kong's SHA-1 input
     * @return false also when {@code stored} is neither kind of hash
     */
    public boolean matches(String stored, String candidate, UUID consumerId) {
        Objects.requireNonNull(candidate, "candidate");
        Matcher pbkdf2 = PBKDF2.matcher(stored);
        if (pbkdf2.matches()) {
            int rounds = Integer.parseInt(pbkdf2.group(1));
            if (rounds < 1 || rounds > MAX_ITERATIONS) {
                return false;
            }
            byte[] salt;
            byte[] expected;
            try {
                salt = Base64.getDecoder().decode(pbkdf2.group(2));
                expected = Base64.getDecoder().decode(pbkdf2.group(3));
            } catch (IllegalArgumentException e) {
                return false;
            }
            return expected.length == HASH_BITS / 8 && MessageDigest.isEqual(expected, pbkdf2(candidate, salt, rounds));
        }
        if (isKongHash(stored)) {
            byte[] actual = sha1Hex(candidate + consumerId).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII), actual);
        }
        return false;
    }

    private static byte[] pbkdf2(String password, byte[] salt, int rounds) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, rounds, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }
}
