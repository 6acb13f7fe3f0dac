package io.tollgate.domain.credential;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An account that may use the Admin API when {@code admin_auth} is on (Tollgate's; Kong's open-source Admin API has
 * none, Kong Enterprise calls these RBAC users). Accounts are shared by the cluster (stored in the database, not an
 * Admin API entity) and hold one secret, stored hashed: a password ({@link Kind#PASSWORD}, hashed by
 * {@link PasswordHasher} as basic-auth passwords are) or a token ({@link Kind#TOKEN}, the SHA-256 hex of a random
 * token, {@link AdminTokens#hash}).
 *
 * @param name 1 to 64 characters among letters, digits, {@code . _ @ -} (so never {@code :}, HTTP Basic's separator)
 * @param kind which secret the account holds
 * @param secretHash the stored hash of that secret
 * @param createdAt when the account was added (the database's clock)
 */
public record AdminAccount(String name, Kind kind, String secretHash, Instant createdAt) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    /** The secret an account holds, and so the {@code admin_auth} mode it signs in with. */
    public enum Kind {
        /** A password, presented with HTTP Basic ({@code admin_auth = basic}). */
        PASSWORD,
        /** A token, presented as {@code Kong-Admin-Token} or {@code Authorization: Bearer} ({@code admin_auth = token}). */
        TOKEN;

        /** The stored form: {@code password} or {@code token}. */
        public String stored() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /**
         * @throws IllegalArgumentException when {@code stored} is neither {@code password} nor {@code token}
         */
        public static Kind ofStored(String stored) {
            return switch (stored) {
                case "password" -> PASSWORD;
                case "token" -> TOKEN;
                default -> throw new IllegalArgumentException("unknown admin account kind '" + stored + "'");
            };
        }
    }

    /** @throws IllegalArgumentException when {@code name} is not a valid account name ({@link #validName}) */
    public AdminAccount {
        requireValidName(name);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether {@code name} is 1 to 64 characters among letters, digits, {@code . _ @ -}. */
    public static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    /**
     * @return {@code name}
     * @throws IllegalArgumentException naming the rule when {@code name} is not valid
     */
    public static String requireValidName(String name) {
        if (!validName(name)) {
            throw new IllegalArgumentException(
                    "invalid admin account name '" + name + "': 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        return name;
    }
}
