package io.tollgate.adapter.postgres;

import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.domain.credential.AdminAccount;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * The {@code admin_accounts} table (migration V13) in plain SQL: one statement per call, {@code created_at} stamped
 * with the database's {@code now()}.
 */
@Singleton
final class JooqAdminAccounts implements AdminAccounts {

    private static final String COLUMNS = "SELECT name, kind, secret_hash, created_at FROM admin_accounts";

    private final DSLContext dsl;

    @Inject
    JooqAdminAccounts(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public boolean add(AdminAccount account) {
        return run(() -> dsl.execute(
                        "INSERT INTO admin_accounts (name, kind, secret_hash) VALUES (?, ?, ?)"
                                + " ON CONFLICT DO NOTHING",
                        account.name(),
                        account.kind().stored(),
                        account.secretHash()))
                == 1;
    }

    @Override
    public boolean remove(String name) {
        return run(() -> dsl.execute("DELETE FROM admin_accounts WHERE name = ?", name)) == 1;
    }

    @Override
    public List<AdminAccount> list() {
        return run(() -> dsl.fetch(COLUMNS + " ORDER BY name")).stream()
                .map(JooqAdminAccounts::account)
                .toList();
    }

    @Override
    public Optional<AdminAccount> named(String name) {
        return run(() -> dsl.fetchOptional(COLUMNS + " WHERE name = ?", name)).map(JooqAdminAccounts::account);
    }

    @Override
    public Optional<AdminAccount> withTokenHash(String tokenHash) {
        return run(() -> dsl.fetchOptional(COLUMNS + " WHERE kind = 'token' AND secret_hash = ?", tokenHash))
                .map(JooqAdminAccounts::account);
    }

    private static AdminAccount account(Record r) {
        return new AdminAccount(
                r.get(0, String.class),
                AdminAccount.Kind.ofStored(r.get(1, String.class)),
                r.get(2, String.class),
                r.get(3, OffsetDateTime.class).toInstant());
    }

    private static <T> T run(Supplier<T> statement) {
        try {
            return statement.get();
        } catch (RuntimeException e) {
            throw SqlFailures.translate(e);
        }
    }
}
