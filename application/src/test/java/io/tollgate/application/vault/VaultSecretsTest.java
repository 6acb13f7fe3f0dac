package io.tollgate.application.vault;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.application.proxy.Entities;
import io.tollgate.application.testing.InMemoryEntityStore;
import io.tollgate.domain.vault.Vaults;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Kong's env vault semantics ({@code 02-env_vault_spec}) through {@link VaultSecrets} with a fake environment. */
class VaultSecretsTest {

    private final InMemoryEntityStore store = new InMemoryEntityStore();
    private final Map<String, String> vars = new ConcurrentHashMap<>();
    private final EnvVault env = new EnvVault(vars::get);
    private final AtomicLong now = new AtomicLong(1_000);
    private final VaultSecrets secrets = new VaultSecrets(store, List.of(env), VaultSecretsTest::json, now::get);

    /** A tiny JSON object reader for flat string members, enough for the key cases. */
    private static @Nullable Object json(String text) {
        if (!text.startsWith("{")) {
            throw new IllegalArgumentException("not json");
        }
        Map<String, Object> out = new HashMap<>();
        for (String pair : text.substring(1, text.length() - 1).split(",")) {
            String[] kv = pair.split(":", 2);
            out.put(kv[0].trim().replace("\"", ""), kv[1].trim().replace("\"", ""));
        }
        return out;
    }

    private String value(String reference) {
        return ((Resolution.Resolved) secrets.resolve(reference)).value();
    }

    private void vault(String prefix, Map<String, Object> config) {
        store.add(Entities.of(Vaults.SCHEMA, Map.of("prefix", prefix, "name", "env", "config", config)));
    }

    @Test
    void get_secret_from_environment_variable_upper_cased_with_dashes_as_underscores() {
        vars.put("TEST_ENV", "test");
        assertThat(value("{vault://env/test-env}")).isEqualTo("test");
        assertThat(value("{vault://env/test_env}")).isEqualTo("test");
    }

    @Test
    void vault_env_prefix_goes_before_the_name_unless_the_vault_entity_or_the_query_sets_a_prefix() {
        vars.put("SECRETS_DB_PASSWORD", "from-prefix");
        vars.put("DB_PASSWORD", "unprefixed");
        vars.put("SSL_DB_PASSWORD", "entity-prefix");
        vars.put("Q_DB_PASSWORD", "query-prefix");
        VaultSecrets prefixed =
                new VaultSecrets(store, List.of(new EnvVault(vars::get, "SECRETS_")), VaultSecretsTest::json, now::get);
        vault("site", Map.of("prefix", "SSL_"));
        vault("bare", Map.of());
        assertThat(((Resolution.Resolved) prefixed.resolve("{vault://env/db-password}")).value())
                .isEqualTo("from-prefix");
        assertThat(((Resolution.Resolved) prefixed.resolve("{vault://bare/db-password}")).value())
                .as("a vaults entity without config.prefix")
                .isEqualTo("from-prefix");
        assertThat(((Resolution.Resolved) prefixed.resolve("{vault://site/db-password}")).value())
                .isEqualTo("entity-prefix");
        assertThat(((Resolution.Resolved) prefixed.resolve("{vault://env/db-password?prefix=q_}")).value())
                .isEqualTo("query-prefix");
        vars.put("SECRETS_AGAIN_TEST_TOO", "dashed-prefix");
        assertThat(value("{vault://env/test-too?prefix=SECRETS-AGAIN-}"))
                .as("a prefix's dashes are read as _, as the resource's")
                .isEqualTo("dashed-prefix");
        assertThat(value("{vault://env/db-password}"))
                .as("without vault_env_prefix")
                .isEqualTo("unprefixed");
    }

    @Test
    void get_secret_through_a_vault_entity_with_its_prefix_and_query_overrides() {
        vars.put("TEST_ENV", "plain");
        vars.put("SSL_TEST_ENV", "prefixed");
        vars.put("OTHER_TEST_ENV", "other");
        vault("my-env", Map.of("prefix", "ssl_"));
        assertThat(value("{vault://my-env/test-env}")).isEqualTo("prefixed");
        assertThat(value("{vault://my-env/test-env?prefix=other_}")).isEqualTo("other");
        assertThat(value("{vault://env/test-env}")).isEqualTo("plain");
    }

    @Test
    void get_json_key_base64_decoded_and_previous_version() {
        vars.put("CREDS", "{\"username\": \"alice\", \"password\": \"s3cret\"}");
        vars.put("B64", "aGVsbG8=");
        vars.put("ROTATED_PREVIOUS", "old");
        assertThat(value("{vault://env/creds/password}")).isEqualTo("s3cret");
        assertThat(value("{vault://env/b64?base64_decode=true}")).isEqualTo("hello");
        assertThat(value("{vault://env/rotated#2}")).isEqualTo("old");
        assertThat(secrets.resolve("{vault://env/creds/missing}")).isInstanceOf(Resolution.Unresolved.class);
    }

    @Test
    void unresolved_when_the_variable_the_vault_or_the_reference_is_missing_and_the_reason_names_no_secret() {
        vars.put("PRESENT", "do-not-leak");
        assertThat(secrets.resolve("{vault://env/absent}"))
                .isInstanceOfSatisfying(
                        Resolution.Unresolved.class,
                        u -> assertThat(u.reason())
                                .isEqualTo("unable to load value (absent) from vault (env): not found"
                                        + " [{vault://env/absent}]"));
        vars.put("CREDS", "{\"user\":\"u\"}");
        assertThat(secrets.resolve("{vault://env/creds/password}"))
                .isInstanceOfSatisfying(
                        Resolution.Unresolved.class,
                        u -> assertThat(u.reason())
                                .isEqualTo("vault (env) did not return value for resource 'creds' with a key of"
                                        + " 'password' [{vault://env/creds/password}]"));
        assertThat(secrets.resolve("{vault://nowhere/present}"))
                .isInstanceOfSatisfying(
                        Resolution.Unresolved.class,
                        u -> assertThat(u.reason()).isEqualTo("vault not found (nowhere) [{vault://nowhere/present}]"));
        assertThat(secrets.resolve("{vault://env}"))
                .isInstanceOfSatisfying(
                        Resolution.Unresolved.class,
                        u -> assertThat(u.reason()).isEqualTo("reference url is missing path [{vault://env}]"));
        assertThat(new Resolution.Resolved("do-not-leak", 0).toString()).doesNotContain("do-not-leak");
    }

    @Test
    void ttl_and_neg_ttl_give_the_refresh_time_and_without_them_never() {
        vars.put("TOKEN", "t");
        vault("short", Map.of("ttl", 5, "neg_ttl", 2));
        assertThat(secrets.resolve("{vault://short/token}").refreshAtNanos()).isEqualTo(1_000 + 5_000_000_000L);
        assertThat(secrets.resolve("{vault://short/gone}").refreshAtNanos()).isEqualTo(1_000 + 2_000_000_000L);
        assertThat(secrets.resolve("{vault://env/token}").refreshAtNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(secrets.resolve("{vault://env/token?ttl=1}").refreshAtNanos())
                .isEqualTo(1_000 + 1_000_000_000L);
        assertThat(secrets.resolveIfReference("plain")).isEqualTo(new Resolution.Resolved("plain", Long.MAX_VALUE));
    }

    private static final long SECOND = 1_000_000_000L;

    @Test
    void a_secret_that_cannot_be_read_again_keeps_its_value_for_ttl_plus_resurrect_ttl_as_in_kong() {
        vault("rot", Map.of("ttl", 10, "neg_ttl", 5, "resurrect_ttl", 20));
        vars.put("ROTATED", "one");
        long readAt = now.get();
        assertThat(value("{vault://rot/rotated}")).isEqualTo("one");
        vars.remove("ROTATED");

        now.set(readAt + 11 * SECOND); // the ttl is over and the vault has no value: the old one stays
        Resolution stale = secrets.resolve("{vault://rot/rotated}");
        assertThat(stale).isInstanceOf(Resolution.Resolved.class);
        assertThat(((Resolution.Resolved) stale).value()).isEqualTo("one");
        assertThat(stale.refreshAtNanos()).as("retried after neg_ttl").isEqualTo(now.get() + 5 * SECOND);

        now.set(readAt + 28 * SECOND); // neg_ttl would retry after the deadline: the deadline comes first
        assertThat(secrets.resolve("{vault://rot/rotated}").refreshAtNanos()).isEqualTo(readAt + 30 * SECOND);

        now.set(readAt + 30 * SECOND); // ttl + resurrect_ttl after the read: gone
        assertThat(secrets.resolve("{vault://rot/rotated}")).isInstanceOf(Resolution.Unresolved.class);
        vars.put("ROTATED", "two");
        assertThat(value("{vault://rot/rotated}")).isEqualTo("two");
    }

    @Test
    void without_a_ttl_a_secret_read_once_stays_and_resurrect_ttl_defaults_to_kongs_1e8_seconds() {
        vars.put("FOREVER", "kept");
        assertThat(value("{vault://env/forever}")).isEqualTo("kept");
        vars.remove("FOREVER");
        now.addAndGet(1_000_000 * SECOND);
        assertThat(value("{vault://env/forever}")).as("no ttl: never expires").isEqualTo("kept");

        vault("long", Map.of("ttl", 1));
        vars.put("LONGER", "v");
        long readAt = now.get();
        assertThat(value("{vault://long/longer}")).isEqualTo("v");
        vars.remove("LONGER");
        now.set(readAt + 86_400 * SECOND);
        assertThat(value("{vault://long/longer}")).isEqualTo("v");
        now.set(readAt + (long) (1 + 1e8) * SECOND);
        assertThat(secrets.resolve("{vault://long/longer}")).isInstanceOf(Resolution.Unresolved.class);
    }

    @Test
    void a_reference_never_read_successfully_is_unresolved_at_once() {
        vault("rot", Map.of("ttl", 10, "neg_ttl", 5));
        assertThat(secrets.resolve("{vault://rot/never-set}")).isInstanceOf(Resolution.Unresolved.class);
    }
}
