package io.tollgate.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.access.AdminAccountManagement;
import io.tollgate.application.access.AdminAuthentication;
import io.tollgate.application.port.in.AdminCredential;
import io.tollgate.application.port.in.ManageAdminAccounts.AccountConflict;
import io.tollgate.domain.credential.AdminAccount;
import io.tollgate.domain.credential.AdminTokens;
import io.tollgate.domain.credential.PasswordHasher;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code admin_accounts} table (V13) on a real PostgreSQL, alone and under the account use cases. */
class JooqAdminAccountsIT extends DatabaseIT {

    JooqAdminAccounts accounts;

    @BeforeEach
    void accounts() {
        db.dsl.execute("TRUNCATE admin_accounts");
        accounts = new JooqAdminAccounts(db.dsl);
    }

    @Test
    void accounts_are_added_once_listed_by_name_found_and_removed() {
        Instant before = Instant.now().minusSeconds(60);
        assertThat(accounts.add(new AdminAccount("zed", AdminAccount.Kind.PASSWORD, "$hash", Instant.EPOCH)))
                .isTrue();
        assertThat(accounts.add(new AdminAccount("bot", AdminAccount.Kind.TOKEN, AdminTokens.hash("t"), Instant.EPOCH)))
                .isTrue();
        assertThat(accounts.add(new AdminAccount("zed", AdminAccount.Kind.TOKEN, "other", Instant.EPOCH)))
                .isFalse();

        assertThat(accounts.list()).extracting(AdminAccount::name).containsExactly("bot", "zed");
        AdminAccount zed = accounts.named("zed").orElseThrow();
        assertThat(zed.kind()).isEqualTo(AdminAccount.Kind.PASSWORD);
        assertThat(zed.secretHash()).isEqualTo("$hash");
        assertThat(zed.createdAt()).isAfter(before); // the database's clock, not the caller's
        assertThat(accounts.withTokenHash(AdminTokens.hash("t")))
                .map(AdminAccount::name)
                .contains("bot");
        assertThat(accounts.withTokenHash("$hash")).isEmpty(); // a password hash is never a token

        assertThat(accounts.remove("zed")).isTrue();
        assertThat(accounts.remove("zed")).isFalse();
        assertThat(accounts.named("zed")).isEmpty();
    }

    @Test
    void the_use_cases_sign_in_against_the_table() {
        PasswordHasher hasher = new PasswordHasher(1000);
        AdminAccountManagement management = new AdminAccountManagement(accounts, hasher);
        AdminAuthentication auth = new AdminAuthentication(accounts, hasher, Duration.ZERO, System::nanoTime);
        management.addPassword("alice", "s3cret");
        String token = management.addToken("bot");

        assertThat(auth.authenticate(new AdminCredential.Password("alice", "s3cret")))
                .contains("alice");
        assertThat(auth.authenticate(new AdminCredential.Password("alice", "nope")))
                .isEmpty();
        assertThat(auth.authenticate(new AdminCredential.Token(token))).contains("bot");
        assertThatThrownBy(() -> management.addToken("alice")).isInstanceOf(AccountConflict.class);

        management.remove("bot");
        assertThat(auth.authenticate(new AdminCredential.Token(token))).isEmpty();
    }
}
