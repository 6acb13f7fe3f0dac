package io.tollgate.application.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.application.port.in.AdminCredential;
import io.tollgate.application.port.in.ManageAdminAccounts.AccountConflict;
import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.domain.credential.AdminAccount;
import io.tollgate.domain.credential.PasswordHasher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AdminAuthenticationTest {

    private final InMemoryAccounts store = new InMemoryAccounts();
    private final PasswordHasher hasher = new PasswordHasher(1000);
    private final AtomicLong clock = new AtomicLong(1_000);
    private final AdminAuthentication auth = new AdminAuthentication(store, hasher, Duration.ofSeconds(5), clock::get);
    private final AdminAccountManagement accounts = new AdminAccountManagement(store, hasher);

    @Test
    void a_password_signs_in_only_its_own_password_account() {
        accounts.addPassword("alice", "s3cret");
        String token = accounts.addToken("bot");

        assertThat(auth.authenticate(new AdminCredential.Password("alice", "s3cret")))
                .contains("alice");
        assertThat(auth.authenticate(new AdminCredential.Password("alice", "wrong")))
                .isEmpty();
        assertThat(auth.authenticate(new AdminCredential.Password("nobody", "s3cret")))
                .isEmpty();
        assertThat(auth.authenticate(new AdminCredential.Password("bad:name", "s3cret")))
                .isEmpty();
        // a token account cannot sign in with HTTP Basic, whatever is sent as its password
        assertThat(auth.authenticate(new AdminCredential.Password("bot", token)))
                .isEmpty();
        assertThat(store.list().get(0).secretHash()).doesNotContain("s3cret").startsWith("$pbkdf2-sha256$");
    }

    @Test
    void a_token_signs_in_only_its_token_account() {
        String token = accounts.addToken("bot");
        accounts.addPassword("alice", "s3cret");

        assertThat(auth.authenticate(new AdminCredential.Token(token))).contains("bot");
        assertThat(auth.authenticate(new AdminCredential.Token(token + "x"))).isEmpty();
        assertThat(auth.authenticate(new AdminCredential.Token("s3cret"))).isEmpty();
        assertThat(store.named("bot").orElseThrow().secretHash()).hasSize(64).doesNotContain(token);
    }

    @Test
    void a_success_is_remembered_for_the_memory_time_only_and_a_failure_never() {
        String token = accounts.addToken("bot");
        assertThat(auth.authenticate(new AdminCredential.Token(token))).contains("bot");
        int reads = store.reads.get();

        accounts.remove("bot");
        clock.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(auth.authenticate(new AdminCredential.Token(token))).contains("bot");
        assertThat(store.reads.get()).isEqualTo(reads);

        clock.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(auth.authenticate(new AdminCredential.Token(token))).isEmpty();
        assertThat(auth.authenticate(new AdminCredential.Token(token))).isEmpty();
        assertThat(store.reads.get()).isEqualTo(reads + 2);
    }

    @Test
    void adding_a_taken_name_or_removing_a_missing_one_is_a_conflict() {
        accounts.addPassword("alice", "s3cret");
        assertThatThrownBy(() -> accounts.addToken("alice"))
                .isInstanceOf(AccountConflict.class)
                .hasMessage("an admin account named 'alice' exists already");
        assertThatThrownBy(() -> accounts.remove("bob"))
                .isInstanceOf(AccountConflict.class)
                .hasMessage("no admin account named 'bob'");
        assertThatThrownBy(() -> accounts.addPassword("alice2", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> accounts.addPassword("a b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.list()).extracting(AdminAccount::name).containsExactly("alice");
    }

    /** The store's contract in memory, counting its reads. */
    private static final class InMemoryAccounts implements AdminAccounts {
        final Map<String, AdminAccount> rows = new TreeMap<>();
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public synchronized boolean add(AdminAccount account) {
            return rows.putIfAbsent(account.name(), account) == null;
        }

        @Override
        public synchronized boolean remove(String name) {
            return rows.remove(name) != null;
        }

        @Override
        public synchronized List<AdminAccount> list() {
            return new ArrayList<>(rows.values());
        }

        @Override
        public synchronized Optional<AdminAccount> named(String name) {
            reads.incrementAndGet();
            return Optional.ofNullable(rows.get(name));
        }

        @Override
        public synchronized Optional<AdminAccount> withTokenHash(String tokenHash) {
            reads.incrementAndGet();
            return rows.values().stream()
                    .filter(a -> a.kind() == AdminAccount.Kind.TOKEN
                            && a.secretHash().equals(tokenHash))
                    .findFirst();
        }
    }
}
