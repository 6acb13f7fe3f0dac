package io.tollgate.application.access;

import io.tollgate.application.port.in.ManageAdminAccounts;
import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.domain.credential.AdminAccount;
import io.tollgate.domain.credential.AdminTokens;
import io.tollgate.domain.credential.PasswordHasher;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** {@link ManageAdminAccounts} over the {@link AdminAccounts} store. Thread-safe. */
public final class AdminAccountManagement implements ManageAdminAccounts {

    private final AdminAccounts accounts;
    private final PasswordHasher hasher;

    public AdminAccountManagement(AdminAccounts accounts, PasswordHasher hasher) {
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
    }

    @Override
    public void addPassword(String name, String password) {
        AdminAccount.requireValidName(name);
        if (password.isEmpty()) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        add(new AdminAccount(name, AdminAccount.Kind.PASSWORD, hasher.hash(password), Instant.EPOCH));
    }

    @Override
    public String addToken(String name) {
        AdminAccount.requireValidName(name);
        String token = AdminTokens.generate();
        add(new AdminAccount(name, AdminAccount.Kind.TOKEN, AdminTokens.hash(token), Instant.EPOCH));
        return token;
    }

    @Override
    public void remove(String name) {
        if (!accounts.remove(name)) {
            throw new AccountConflict("no admin account named '" + name + "'");
        }
    }

    @Override
    public List<AdminAccount> list() {
        return accounts.list();
    }

    private void add(AdminAccount account) {
        if (!accounts.add(account)) {
            throw new AccountConflict("an admin account named '" + account.name() + "' exists already");
        }
    }
}
