package io.tollgate.application.port.in;

import io.tollgate.domain.credential.AdminAccount;
import java.util.List;

/**
 * {@code tollgate admins add|remove|list}: the cluster's admin accounts ({@link AdminAccount}). Every method throws
 * {@link io.tollgate.application.port.DatabaseUnavailable} when the database cannot be reached.
 */
public interface ManageAdminAccounts {

    /**
     * Adds a password account; the password is stored hashed (PBKDF2, as basic-auth passwords are).
     *
     * @throws IllegalArgumentException when {@code name} is invalid or {@code password} empty
     * @throws AccountConflict when an account of that name exists
     */
    void addPassword(String name, String password);

    /**
     * Adds a token account with a new random token, stored hashed.
     *
     * @return the plain token, which is nowhere else: the caller shows it once
     * @throws IllegalArgumentException when {@code name} is invalid
     * @throws AccountConflict when an account of that name exists
     */
    String addToken(String name);

    /**
     * Removes an account.
     *
     * @throws AccountConflict when there is no account of that name
     */
    void remove(String name);

    /** Every account, by name (hashes included; callers do not show them). */
    List<AdminAccount> list();

    /** The named account exists already ({@code add}) or does not ({@code remove}). */
    final class AccountConflict extends RuntimeException {
        /** @param message one line naming the account */
        public AccountConflict(String message) {
            super(message, null, false, false);
        }
    }
}
