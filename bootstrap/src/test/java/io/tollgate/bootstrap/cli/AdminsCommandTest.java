package io.tollgate.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.access.AdminAccountManagement;
import io.tollgate.application.port.in.ManageAdminAccounts;
import io.tollgate.application.port.out.AdminAccounts;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.domain.credential.AdminAccount;
import io.tollgate.domain.credential.AdminTokens;
import io.tollgate.domain.credential.PasswordHasher;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code tollgate admins add|remove|list} against accounts kept in memory: parsing, output, exit codes ({@code
 * AdminAuthNodeIT} runs them from the jar against a real database).
 */
class AdminsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AccountsNode node = new AccountsNode();

    private int run(String stdin, String... args) {
        ConfigLoader loader = new ConfigLoader(Map.of(), List.of(), w -> {});
        return new Cli(loader, node, "1.2.3", new PrintWriter(out), new PrintWriter(err))
                .withInput(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                .execute(args);
    }

    @Test
    void add_with_a_password_from_stdin_stores_its_hash_and_list_shows_no_secret() {
        assertThat(run("s3cret\n", "admins", "add", "alice", "--password-stdin"))
                .isZero();
        assertThat(err.toString()).contains("Admin account 'alice' added (password).");
        AdminAccount alice = node.rows.get("alice");
        assertThat(alice.kind()).isEqualTo(AdminAccount.Kind.PASSWORD);
        assertThat(new PasswordHasher().matches(alice.secretHash(), "s3cret", new java.util.UUID(0, 0)))
                .isTrue();

        assertThat(run("", "admins", "list")).isZero();
        assertThat(out.toString())
                .contains("NAME   KIND      CREATED")
                .contains("alice  password  1970-01-01T00:00:00Z")
                .contains("1 account(s)")
                .doesNotContain(alice.secretHash());
    }

    @Test
    void add_with_token_prints_the_token_once_and_stores_its_hash() {
        assertThat(run("", "admins", "add", "bot", "--token"))
                .as(err.toString())
                .isZero();
        String token = out.toString().strip();
        assertThat(token).hasSize(43);
        assertThat(node.rows.get("bot").secretHash()).isEqualTo(AdminTokens.hash(token));
        assertThat(err.toString()).contains("shown only this once");

        out.getBuffer().setLength(0);
        assertThat(run("", "admins", "list", "--json")).isZero();
        assertThat(out.toString()).isEqualTo("{\"data\":[{\"name\":\"bot\",\"kind\":\"token\",\"created_at\":0}]}\n");
    }

    @Test
    void remove_deletes_and_a_missing_or_taken_name_is_a_runtime_failure() {
        run("", "admins", "add", "bot", "--token");
        assertThat(run("", "admins", "add", "bot", "--token")).isEqualTo(1);
        assertThat(err.toString()).contains("Error: an admin account named 'bot' exists already");

        assertThat(run("", "admins", "remove", "bot")).isZero();
        assertThat(out.toString()).contains("Admin account 'bot' removed.");
        assertThat(node.rows).isEmpty();
        assertThat(run("", "admins", "remove", "bot")).isEqualTo(1);
        assertThat(err.toString()).contains("Error: no admin account named 'bot'");
    }

    @Test
    void usage_errors_exit_2_on_one_line() {
        assertThat(run("", "admins")).isEqualTo(2);
        assertThat(err.toString()).contains("Error: missing admins command (add, remove or list)");
        assertThat(run("", "admins", "add", "alice")).isEqualTo(2);
        assertThat(run("", "admins", "add", "alice", "--token", "--password-stdin"))
                .isEqualTo(2);
        assertThat(run("x\n", "admins", "add", "al:ice", "--password-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("Error: invalid account name 'al:ice'");
        assertThat(run("\n", "admins", "add", "alice", "--password-stdin")).isEqualTo(2);
        assertThat(err.toString()).contains("Error: the password read from standard input is empty");
        assertThat(node.rows).isEmpty();
        assertThat(err.toString().lines().filter(l -> l.startsWith("\tat "))).isEmpty();
    }

    @Test
    void help_lists_the_options_and_exit_codes() {
        assertThat(run("", "admins", "add", "--help")).isZero();
        assertThat(out.toString()).contains("--password-stdin", "--token", "-c, --conf", "-p, --prefix", "Exit codes:");
    }

    @Test
    void a_password_loses_one_trailing_line_break_only() {
        assertThat(AdminsAddCommand.password("pw\n")).isEqualTo("pw");
        assertThat(AdminsAddCommand.password("pw\r\n")).isEqualTo("pw");
        assertThat(AdminsAddCommand.password("pw\n\n")).isEqualTo("pw\n");
        assertThat(AdminsAddCommand.password(" pw ")).isEqualTo(" pw ");
    }

    /** A node whose database holds only admin accounts, in memory, created at the epoch. */
    private static final class AccountsNode extends UnsupportedNodeRunner implements AdminAccounts {
        final Map<String, AdminAccount> rows = new TreeMap<>();

        @Override
        public <T> T adminAccounts(TollgateConfig config, Function<ManageAdminAccounts, T> work) {
            return work.apply(new AdminAccountManagement(this, new PasswordHasher(1000)));
        }

        @Override
        public boolean add(AdminAccount account) {
            return rows.putIfAbsent(
                            account.name(),
                            new AdminAccount(account.name(), account.kind(), account.secretHash(), Instant.EPOCH))
                    == null;
        }

        @Override
        public boolean remove(String name) {
            return rows.remove(name) != null;
        }

        @Override
        public List<AdminAccount> list() {
            return new ArrayList<>(rows.values());
        }

        @Override
        public Optional<AdminAccount> named(String name) {
            return Optional.ofNullable(rows.get(name));
        }

        @Override
        public Optional<AdminAccount> withTokenHash(String tokenHash) {
            return rows.values().stream()
                    .filter(a -> a.secretHash().equals(tokenHash))
                    .findFirst();
        }
    }
}
