package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/02-cmd/14-vault_spec.lua} (the newest stored revision: {@code kong vault
 * get} with the {@code env} vault, {@code vault_env_prefix} and a {@code vaults} entity) against {@code tollgate vault
 * …} run from the jar: 8 cases, 8 ported (Cassandra, a second strategy of the last case, has no counterpart: Tollgate
 * runs on PostgreSQL only). Two stated differences: the help is printed on stdout with exit 0 (Kong: stderr, exit 1),
 * as every Tollgate command's; the {@code vaults} entity case names the node's configuration file with {@code -c}
 * where Kong's names its prefix with {@code -p} (Tollgate's {@code -p} does not read a running node's configuration).
 * The cases with the {@code env} vault read no database; one node on one PostgreSQL for the class serves the two that
 * do (an unknown vault name is looked up as a {@code vaults} prefix; the {@code test-env} vault).
 */
class KongVaultCmdSpecIT {

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;
    static Path conf;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        node = cluster.node("vault", cluster.settings());
        conf = dir.resolve("vault.conf");
        Http.Response vault = Http.send(
                "PUT", node.admin() + "/vaults/test-env", "{\"name\":\"env\",\"config\":{\"prefix\":\"SECRETS_\"}}");
        assertThat(vault.status()).as(vault.body()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** 14-vault_spec.lua: "vault help". Kong prints the help on stderr and exits 1; Tollgate on stdout, exit 0. */
    @Test
    void vault_help() throws Exception {
        CliProcess.Result help = CliProcess.run(dir, "vault", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).startsWith("Usage: tollgate vault").contains("get");
    }

    /** 14-vault_spec.lua: "vault get without params". */
    @Test
    void vault_get_without_params() throws Exception {
        CliProcess.Result get = CliProcess.run(dir, "vault", "get");
        assertThat(get.exitCode()).isNotZero();
        assertThat(get.err()).contains("Error: the 'get' command needs a <reference> argument");
        assertThat(get.out()).isEmpty();
    }

    /** 14-vault_spec.lua: "vault get with non-existing vault" (looked up as a vaults entity's prefix). */
    @Test
    void vault_get_with_non_existing_vault() throws Exception {
        CliProcess.Result get = CliProcess.run(dir, "vault", "get", "none/foo", "-c", conf.toString());
        assertThat(get.exitCode()).isNotZero();
        assertThat(get.err()).contains("Error: vault not found (none)").contains("[{vault://none/foo}]");
        assertThat(get.out()).isEmpty();
    }

    /** 14-vault_spec.lua: "vault get with non-existing key". */
    @Test
    void vault_get_with_non_existing_key() throws Exception {
        CliProcess.Result get = CliProcess.run(dir, "vault", "get", "env/none");
        assertThat(get.exitCode()).isNotZero();
        assertThat(get.err())
                .contains("Error: unable to load value (none) from vault (env): not found [{vault://env/none}]");
        assertThat(get.out()).isEmpty();
    }

    /** 14-vault_spec.lua: "[env] uninstantiated secrets". */
    @Nested
    class EnvUninstantiatedSecrets {

        /** 14-vault_spec.lua: "[env] uninstantiated secrets vault get env" (the name with _ and with -). */
        @Test
        void vault_get_env() throws Exception {
            Map<String, String> env = Map.of("SECRETS_TEST", "testvalue");
            for (String reference : new String[] {"env/secrets_test", "env/secrets-test"}) {
                CliProcess.Result get = CliProcess.run(dir, env, "vault", "get", reference);
                assertThat(get.exitCode()).as(reference + ": " + get.err()).isZero();
                assertThat(get.out()).as(reference).contains("testvalue");
            }
        }

        /** 14-vault_spec.lua: "[env] uninstantiated secrets vault get env with config". */
        @Test
        void vault_get_env_with_config() throws Exception {
            CliProcess.Result get = CliProcess.run(
                    dir,
                    Map.of("KONG_VAULT_ENV_PREFIX", "SECRETS_", "SECRETS_TEST", "testvalue-with-config"),
                    "vault",
                    "get",
                    "env/test");
            assertThat(get.err()).isEmpty();
            assertThat(get.out()).contains("testvalue-with-config");
            assertThat(get.exitCode()).isZero();
        }

        /** 14-vault_spec.lua: "[env] uninstantiated secrets vault get env with config with dash". */
        @Test
        void vault_get_env_with_config_with_dash() throws Exception {
            CliProcess.Result get = CliProcess.run(
                    dir,
                    Map.of(
                            "KONG_VAULT_ENV_PREFIX",
                            "SECRETS-AGAIN-",
                            "SECRETS_AGAIN_TEST_TOO",
                            "testvalue-with-config-again"),
                    "vault",
                    "get",
                    "env/test-too");
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(get.out()).contains("testvalue-with-config-again");
        }
    }

    /** 14-vault_spec.lua: "[env] instantiated #postgres". */
    @Nested
    class EnvInstantiatedPostgres {

        /** 14-vault_spec.lua: "[env] instantiated #postgres vault get env" (the test-env vault's prefix SECRETS_). */
        @Test
        void vault_get_env() throws Exception {
            CliProcess.Result get = CliProcess.run(
                    dir, Map.of("SECRETS_TEST", "testvalue"), "vault", "get", "test-env/test", "-c", conf.toString());
            assertThat(get.exitCode()).as(get.err()).isZero();
            assertThat(get.out()).contains("testvalue");
        }
    }
}
