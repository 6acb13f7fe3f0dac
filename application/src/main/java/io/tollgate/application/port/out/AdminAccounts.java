package io.tollgate.application.port.out;

import io.tollgate.domain.credential.AdminAccount;
import java.util.List;
import java.util.Optional;

/**
 * The admin accounts shared by the cluster ({@code admin_accounts} table), for {@code admin_auth}. Every method throws
 * {@link io.tollgate.application.port.DatabaseUnavailable} when the database cannot be reached.
 */
public interface AdminAccounts {

    /**
     * Adds {@code account} (its {@code createdAt} is ignored: the store stamps its own clock).
     *
     * @return false, and nothing written, when an account of that name exists
     */
    boolean add(AdminAccount account);

    /**
     * Removes the account named {@code name}.
     *
     * @return whether there was one
     */
    boolean remove(String name);

    /** Every account, by name. */
    List<AdminAccount> list();

    /** The account named {@code name}, or empty. */
    Optional<AdminAccount> named(String name);

    /** The token account whose stored hash is {@code tokenHash}, or empty. */
    Optional<AdminAccount> withTokenHash(String tokenHash);
}
