package io.tollgate.application.port.in;

import java.util.Objects;

/** What an Admin API request presents to sign in ({@code admin_auth}): a name and password, or a token. */
public sealed interface AdminCredential {

    /** HTTP Basic's user name and password ({@code admin_auth = basic}). */
    record Password(String name, String password) implements AdminCredential {
        public Password {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Password[name=" + name + "]";
        }
    }

    /** A token from {@code Kong-Admin-Token} or {@code Authorization: Bearer} ({@code admin_auth = token}). */
    record Token(String token) implements AdminCredential {
        public Token {
            Objects.requireNonNull(token, "token");
        }

        @Override
        public String toString() {
            return "Token[…]";
        }
    }
}
