package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ports Kong's {@code spec/02-integration/02-cmd/11-config_spec.lua} ({@code kong config db_import | db_export |
 * parse | init}) against {@code tollgate config …} run from the jar: 12 cases, 10 ported here. One node on one database
 * for the class (each case uses its own entity names); the case that imports without a running node uses a second,
 * node-less database on the same server.
 */
class KongConfigCmdSpecIT {

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.startFast(dir);
        try (Connection db = cluster.database().getConnection()) {
            db.createStatement().execute("CREATE DATABASE idle");
        }
        node = cluster.node("cfg", cluster.settings());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** 11-config_spec.lua: "config help". */
    @Test
    void config_help() throws Exception {
        CliProcess.Result help = CliProcess.run(dir, "config", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out() + help.err()).contains("db_import", "db_export", "parse");
    }

    /**
     * 11-config_spec.lua: "#db config imports a yaml file" (the anonymous report Kong sends on import has no
     * counterpart; entities' {@code _comment} and {@code _ignore} are accepted and dropped).
     */
    @Test
    void config_imports_a_yaml_file() throws Exception {
        Path file = yaml("imports", twoServices("imp-foo", "imp-bar"));
        CliProcess.Result imported = cli("cfg", "config", "db_import", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();

        assertThat(Http.get(node.admin() + "/services/imp-foo").status()).isEqualTo(200);
        assertThat(Http.get(node.admin() + "/services/imp-bar").status()).isEqualTo(200);
        assertThat(data("/services/imp-foo/plugins")).hasSize(2);
        assertThat(data("/services/imp-bar/plugins")).hasSize(2);
    }

    /** 11-config_spec.lua: "#db config db_import does not require Kong to be running". */
    @Test
    void config_db_import_does_not_require_kong_to_be_running() throws Exception {
        Path conf = dir.resolve("idle.conf");
        StringBuilder text = new StringBuilder();
        cluster.settings("pg_database", "idle")
                .forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(conf, text);
        CliProcess.Result migrated = CliProcess.run(dir, "migrations", "bootstrap", "-c", conf.toString());
        assertThat(migrated.exitCode()).as(migrated.err()).isZero();

        Path file = yaml("idle", twoServices("idle-foobar", "idle-bar"));
        CliProcess.Result imported = CliProcess.run(dir, "config", "db_import", file.toString(), "-c", conf.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out()).contains("services:", "created 2, updated 0, unchanged 0");
    }

    /** 11-config_spec.lua: "#db config db_import catches errors in input". */
    @Test
    void config_db_import_catches_errors_in_input() throws Exception {
        Path file = yaml("errors", """
                _format_version: "1.1"
                services:
                - name: err-foobar
                  host: []
                  port: -23
                  protocol: https
                  _comment: my comment
                  _ignore:
                  - foo: bar
                  routes: 123
                """);
        CliProcess.Result imported = cli("cfg", "config", "db_import", file.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err())
                .contains("host: expected a string", "port: value should be between 0 and 65535")
                .contains("services[0].routes: expected an array");
        assertThat(Http.get(node.admin() + "/services/err-foobar").status()).isEqualTo(404);
    }

    /** 11-config_spec.lua: "#db config db_import is idempotent based on endpoint_key and cache_key". */
    @Test
    void config_db_import_is_idempotent_based_on_endpoint_key_and_cache_key() throws Exception {
        Path file = yaml("idempotent", """
                _format_version: "1.1"
                services:
                - name: idem-foo
                  url: http://example.com
                  routes:
                    - name: idem-r1
                      hosts: ['idem-foo.test']
                  plugins:
                  - name: basic-auth
                  - name: tcp-log
                    config:
                      port: 10000
                      host: 127.0.0.1
                - name: idem-bar
                  url: https://example.org
                  routes:
                    - name: idem-r2
                      hosts: ['idem-bar.test']
                  plugins:
                  - name: basic-auth
                  - name: tcp-log
                    config:
                      port: 10000
                      host: 127.0.0.1
                """);
        for (int run = 0; run < 2; run++) {
            CliProcess.Result imported = cli("cfg", "config", "db_import", file.toString());
            assertThat(imported.exitCode()).as(imported.err()).isZero();
            assertThat(data("/services/idem-foo/routes")).hasSize(1);
            assertThat(data("/services/idem-bar/routes")).hasSize(1);
            assertThat(data("/services/idem-foo/plugins")).hasSize(2);
            assertThat(data("/services/idem-bar/plugins")).hasSize(2);
        }
    }

    /** 11-config_spec.lua: "#db config db_import is not idempotent when endpoint_key is not used". */
    @Test
    void config_db_import_is_not_idempotent_when_endpoint_key_is_not_used() throws Exception {
        Path file = yaml("not-idempotent", """
                _format_version: "1.1"
                services:
                - name: nidem-foo
                  url: https://example.com
                  routes:
                    - hosts: ['nidem-foo.test']
                - name: nidem-bar
                  url: https://example.com
                  routes:
                    - hosts: ['nidem-bar.test']
                """);
        CliProcess.Result first = cli("cfg", "config", "db_import", file.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(data("/services/nidem-foo/routes").size()
                        + data("/services/nidem-bar/routes").size())
                .isEqualTo(2);
        CliProcess.Result second = cli("cfg", "config", "db_import", file.toString());
        assertThat(second.exitCode()).as(second.err()).isZero();
        assertThat(data("/services/nidem-foo/routes").size()
                        + data("/services/nidem-bar/routes").size())
                .isEqualTo(4);
    }

    /** 11-config_spec.lua: "#db config db_import works when foreign keys need to be resolved". */
    @Test
    void config_db_import_works_when_foreign_keys_need_to_be_resolved() throws Exception {
        Path file = yaml("foreign", """
                _format_version: "1.1"
                consumers:
                - username: fk-consumer
                  basicauth_credentials:
                  - username: fk-username
                    password: password
                """);
        CliProcess.Result imported = cli("cfg", "config", "db_import", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(Http.get(node.admin() + "/consumers/fk-consumer").status()).isEqualTo(200);
        assertThat(data("/consumers/fk-consumer/basic-auth")).hasSize(1);
        assertThat(data("/basic-auths").stream()
                        .filter(c -> c.get("username").asText().equals("fk-username")))
                .hasSize(1);
    }

    /** 11-config_spec.lua: "#db config parse works when foreign keys need to be resolved". */
    @Test
    void config_parse_works_when_foreign_keys_need_to_be_resolved() throws Exception {
        Path file = yaml("parse-foreign", """
                _format_version: "1.1"
                consumers:
                - username: consumer
                  basicauth_credentials:
                  - username: username
                    password: password
                """);
        CliProcess.Result parsed = cli("cfg", "config", "parse", file.toString());
        assertThat(parsed.exitCode()).as(parsed.err()).isZero();
    }

    /**
     * 11-config_spec.lua: "config init creates kong.yml by default" (in the working directory, which is the class's
     * own temporary directory here; a second init does not overwrite it).
     */
    @Test
    void config_init_creates_kong_yml_by_default() throws Exception {
        Path kongYml = dir.resolve("kong.yml");
        assertThat(kongYml).doesNotExist();
        CliProcess.Result init = CliProcess.run(dir, "config", "init");
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(kongYml).exists();
        CliProcess.Result parsed = CliProcess.run(dir, "config", "parse", "kong.yml");
        assertThat(parsed.exitCode()).as(parsed.err()).isZero();

        CliProcess.Result again = CliProcess.run(dir, "config", "init");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.err()).contains("kong.yml already exists in the current directory.", "Will not overwrite it.");
    }

    /** 11-config_spec.lua: "config init can take an argument". */
    @Test
    void config_init_can_take_an_argument() throws Exception {
        Path file = dir.resolve("init-argument.yml");
        assertThat(file).doesNotExist();
        CliProcess.Result init = CliProcess.run(dir, "config", "init", file.toString());
        assertThat(init.exitCode()).as(init.err()).isZero();
        assertThat(file).exists();
        CliProcess.Result parsed = CliProcess.run(dir, "config", "parse", file.toString());
        assertThat(parsed.exitCode()).as(parsed.err()).isZero();
    }

    /** Kong's two-service file of the import cases, with entity {@code _comment} / {@code _ignore} fields. */
    private static String twoServices(String foo, String bar) {
        return """
                _format_version: "1.1"
                services:
                - name: %1$s
                  host: example.com
                  protocol: https
                  _comment: my comment
                  _ignore:
                  - foo: bar
                  routes:
                    - hosts: ['%1$s.test']
                  plugins:
                    - name: key-auth
                      _comment: my comment
                      _ignore:
                      - foo: bar
                    - name: http-log
                      config:
                        http_endpoint: https://example.com
                - name: %2$s
                  host: example.test
                  port: 3000
                  routes:
                    - hosts: ['%2$s.test']
                  plugins:
                  - name: basic-auth
                  - name: tcp-log
                    config:
                      port: 10000
                      host: 127.0.0.1
                """.formatted(foo, bar);
    }

    private static Path yaml(String name, String content) throws Exception {
        Path file = dir.resolve(name + ".yml");
        Files.writeString(file, content);
        return file;
    }

    private static List<JsonNode> data(String path) throws Exception {
        Http.Response answer = Http.get(node.admin() + path);
        assertThat(answer.status()).as("GET %s -> %s", path, answer.body()).isEqualTo(200);
        List<JsonNode> entities = new ArrayList<>();
        answer.json().get("data").forEach(entities::add);
        return entities;
    }

    private static CliProcess.Result cli(String name, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", dir.resolve(name + ".conf").toString()));
        return CliProcess.run(dir, all.toArray(String[]::new));
    }
}
