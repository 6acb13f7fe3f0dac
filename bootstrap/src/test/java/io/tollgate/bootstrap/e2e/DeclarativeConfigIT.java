package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate config db_export | db_import | parse} (Kong's declarative format, decK's nesting), run from the
 * jar: a configuration with every entity kind, written through node A's Admin API on one database, is exported,
 * imported into another, empty one (where node B runs), and exported again to the same file; node B proxies the
 * imported route; a second import appends no event; a file with one bad entity imports nothing and names it.
 */
class DeclarativeConfigIT {

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess a;
    static NodeProcess b;
    static EchoUpstream echo;

    @BeforeAll
    static void startNodes() throws Exception {
        cluster = TestCluster.startFast(dir);
        echo = cluster.closing(new EchoUpstream());
        try (Connection db = cluster.database().getConnection()) {
            db.createStatement().execute("CREATE DATABASE empty");
        }
        a = cluster.node("deck-a", cluster.settings());
        b = cluster.node("deck-b", cluster.settings("pg_database", "empty"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void export_import_export_round_trips_and_a_second_import_changes_nothing() throws Exception {
        writeEveryKind();
        Path first = dir.resolve("first.yaml");
        CliProcess.Result exported = cli("deck-a", "config", "db_export", first.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        String yaml = Files.readString(first);
        assertThat(yaml)
                .startsWith("_format_version: \"3.0\"\n_transform: false\n")
                .contains("\n    routes:\n")
                .contains("\n    keyauth_credentials:\n")
                .contains("\n    basicauth_credentials:\n")
                .contains("\n    acls:\n")
                .contains("\n    targets:\n")
                .contains("\n    snis:\n")
                .contains("ca_certificates:\n")
                .contains("key_sets:\n")
                .contains("\n    keys:\n")
                .contains("vaults:\n")
                .doesNotContain("created_at")
                .doesNotContain("updated_at");

        CliProcess.Result parsed = cli("deck-b", "config", "parse", first.toString());
        assertThat(parsed.exitCode()).as(parsed.err()).isZero();
        assertThat(parsed.out()).startsWith("parse successful");

        long before = events("empty");
        CliProcess.Result imported = cli("deck-b", "config", "db_import", first.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        System.out.println("first import:\n" + imported.out());
        assertThat(imported.out()).contains("services:", "created 2, updated 0, unchanged 0");
        long written = events("empty") - before;
        assertThat(written).isPositive();
        assertThat(imported.out()).contains(written + " events appended");

        Path second = dir.resolve("second.yaml");
        CliProcess.Result again = cli("deck-b", "config", "db_export", second.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(second)).isEqualTo(yaml);

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(Http.get(b.proxy() + "/echo/hello").status()).isEqualTo(200));

        CliProcess.Result reimported = cli("deck-b", "config", "db_import", first.toString());
        assertThat(reimported.exitCode()).as(reimported.err()).isZero();
        assertThat(reimported.out()).contains("0 events appended").doesNotContain("created 1");
        assertThat(events("empty") - before).isEqualTo(written);

        Path json = dir.resolve("first.json");
        CliProcess.Result asJson = cli("deck-b", "config", "db_export", json.toString());
        assertThat(asJson.exitCode()).as(asJson.err()).isZero();
        assertThat(Http.JSON.readTree(json.toFile()).get("_format_version").asText())
                .isEqualTo("3.0");
        CliProcess.Result jsonImport = cli("deck-b", "config", "db_import", json.toString());
        assertThat(jsonImport.out()).contains("0 events appended");
    }

    @Test
    void a_file_with_one_bad_entity_imports_nothing_and_names_it() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, """
                _format_version: "3.0"
                services:
                - name: good-one
                  url: http://good.internal:8080
                  routes:
                  - name: fine
                    paths: [/fine]
                  - name: broken
                    paths: [/ok]
                    protocols: [gruber]
                consumers:
                - username: carol
                """);
        long before = events("postgres");
        CliProcess.Result parsed = cli("deck-a", "config", "parse", bad.toString());
        assertThat(parsed.exitCode()).isEqualTo(1);
        assertThat(parsed.err()).contains("in services[0].routes[1]: schema violation (protocols");

        CliProcess.Result imported = cli("deck-a", "config", "db_import", bad.toString());
        assertThat(imported.exitCode()).isEqualTo(1);
        assertThat(imported.err().lines().filter(l -> l.startsWith("Error: ")))
                .singleElement()
                .asString()
                .contains("services[0].routes[1]: schema violation (protocols");
        assertThat(events("postgres")).isEqualTo(before);
        assertThat(Http.get(a.admin() + "/services/good-one").status()).isEqualTo(404);
        assertThat(Http.get(a.admin() + "/consumers/carol").status()).isEqualTo(404);

        Files.writeString(bad, """
                _format_version: "3.0"
                services:
                - name: other
                  url: http://other.internal
                  routes:
                  - name: r
                    paths: [/r]
                routes:
                - name: dangling
                  service: nowhere
                  paths: [/d]
                """);
        CliProcess.Result unresolved = cli("deck-a", "config", "db_import", bad.toString());
        assertThat(unresolved.exitCode()).isEqualTo(1);
        assertThat(unresolved.err())
                .contains("routes[0]: invalid reference 'service: nowhere' (no such entry in 'services')");
        assertThat(events("postgres")).isEqualTo(before);

        Files.writeString(bad, "_format_version: \"3.0\"\n");
        CliProcess.Result empty = cli("deck-a", "config", "db_import", bad.toString());
        assertThat(empty.exitCode()).as(empty.err()).isZero();
        assertThat(empty.out()).contains("0 entities, 0 events appended");

        Files.writeString(bad, "services: [ {name: x, host: y} ]\n");
        CliProcess.Result noVersion = cli("deck-a", "config", "parse", bad.toString());
        assertThat(noVersion.exitCode()).isEqualTo(1);
        assertThat(noVersion.err()).contains("_format_version: required field missing");
    }

    /**
     * {@code db_export --select-tag} (decK's flag, repeatable): only the entities carrying every tag, a selected child
     * of an unselected parent at the top level with the parent's name, {@code _info.select_tags}; deleted and imported
     * again, the same entities come back and export to the same file.
     */
    @Test
    void an_export_by_select_tags_round_trips() throws Exception {
        String both = "\"tags\": [\"sel-x\", \"sel-y\"]";
        created("/services", "{\"name\": \"tagged-svc\", \"host\": \"tagged.internal\", " + both + "}");
        created("/services/tagged-svc/routes", "{\"name\": \"tagged-route\", \"paths\": [\"/t\"], " + both + "}");
        created(
                "/services/tagged-svc/routes",
                "{\"name\": \"half-tagged\", \"paths\": [\"/h\"], \"tags\": [\"sel-x\"]}");
        created("/services", "{\"name\": \"plain-svc\", \"host\": \"plain.internal\"}");
        created("/services/plain-svc/routes", "{\"name\": \"orphan-tagged\", \"paths\": [\"/o\"], " + both + "}");
        created("/consumers", "{\"username\": \"tagged-user\", " + both + "}");
        created("/consumers/tagged-user/key-auth", "{\"key\": \"tagged-key\", " + both + "}");
        created("/consumers/tagged-user/acls", "{\"group\": \"untagged-group\"}");

        Path file = dir.resolve("selected.yaml");
        CliProcess.Result exported =
                cli("deck-a", "config", "db_export", "--select-tag", "sel-x", "--select-tag", "sel-y", file.toString());
        assertThat(exported.exitCode()).as(exported.err()).isZero();
        assertThat(exported.out()).contains("Exported 5 entities");
        String yaml = Files.readString(file);
        System.out.println("select-tag export:\n" + yaml);
        assertThat(yaml)
                .startsWith(
                        "_format_version: \"3.0\"\n_transform: false\n_info:\n  select_tags:\n    - sel-x\n    - sel-y\n")
                .contains("name: tagged-svc", "name: tagged-route", "name: orphan-tagged", "service: plain-svc")
                .contains("username: tagged-user", "key: tagged-key")
                .doesNotContain("half-tagged", "name: plain-svc", "untagged-group", "echo", "bulk-");

        assertThat(Http.delete(a.admin() + "/routes/tagged-route").status()).isEqualTo(204);
        assertThat(Http.delete(a.admin() + "/routes/orphan-tagged").status()).isEqualTo(204);
        assertThat(Http.delete(a.admin() + "/routes/half-tagged").status()).isEqualTo(204);
        assertThat(Http.delete(a.admin() + "/services/tagged-svc").status()).isEqualTo(204);
        assertThat(Http.delete(a.admin() + "/consumers/tagged-user").status()).isEqualTo(204);
        CliProcess.Result imported = cli("deck-a", "config", "db_import", file.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .contains("routes:                created 2, updated 0, unchanged 0")
                .contains("5 entities, 5 events appended");
        Path again = dir.resolve("selected-again.yaml");
        CliProcess.Result reexported = cli(
                "deck-a", "config", "db_export", "--select-tag", "sel-x", "--select-tag", "sel-y", again.toString());
        assertThat(reexported.exitCode()).as(reexported.err()).isZero();
        assertThat(Files.readString(again)).isEqualTo(yaml);
        assertThat(Http.get(a.admin() + "/consumers/tagged-user/key-auth").body())
                .contains("tagged-key");
    }

    /**
     * 100 services with 100 routes each imported in one go, then again (nothing to write); both timed in the output,
     * not asserted (the machine is shared).
     */
    @Test
    void ten_thousand_routes_import_in_one_transaction_and_reimport_as_unchanged() throws Exception {
        StringBuilder yaml = new StringBuilder("_format_version: \"3.0\"\nservices:\n");
        for (int s = 0; s < 100; s++) {
            yaml.append("- name: bulk-")
                    .append(s)
                    .append("\n  host: bulk-")
                    .append(s)
                    .append(".internal\n  routes:\n");
            for (int r = 0; r < 100; r++) {
                yaml.append("  - name: bulk-")
                        .append(s)
                        .append('-')
                        .append(r)
                        .append("\n    paths: [/bulk/")
                        .append(s)
                        .append('/')
                        .append(r)
                        .append("]\n");
            }
        }
        Path bulk = dir.resolve("bulk.yaml");
        Files.writeString(bulk, yaml);
        long before = events("postgres");
        CliProcess.Result imported = cli("deck-a", "config", "db_import", bulk.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        System.out.println("10,000 routes, first import:\n" + imported.out());
        assertThat(imported.out())
                .contains("routes:                created 10000, updated 0, unchanged 0")
                .contains("10100 events appended");
        assertThat(events("postgres") - before).isEqualTo(10_100);

        CliProcess.Result again = cli("deck-a", "config", "db_import", bulk.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        System.out.println("10,000 routes, second import:\n" + again.out());
        assertThat(again.out()).contains("routes:                created 0, updated 0, unchanged 10000");
        assertThat(events("postgres") - before).isEqualTo(10_100);
    }

    /** One entity of every kind (and the echo route node B will proxy) through node A's Admin API. */
    private static void writeEveryKind() throws Exception {
        TestPki.Issued leaf = TestPki.selfSigned("deck", "a.deck.test");
        created("/services", "{\"name\": \"echo\", \"url\": \"" + echo.url() + "\", \"tags\": [\"team-a\"]}");
        created("/services/echo/routes", "{\"name\": \"echo-route\", \"paths\": [\"/echo\"]}");
        created("/services", "{\"name\": \"billing\", \"url\": \"http://billing.internal:8080/v1\"}");
        created("/routes", "{\"name\": \"loose\", \"paths\": [\"/loose\"]}");
        created("/consumers", "{\"username\": \"alice\", \"custom_id\": \"a-1\"}");
        created("/consumers/alice/key-auth", "{\"key\": \"alices-key\"}");
        created("/consumers/alice/basic-auth", "{\"username\": \"alice\", \"password\": \"s3cret\"}");
        created("/consumers/alice/acls", "{\"group\": \"admins\"}");
        created("/consumers/alice/jwt", "{\"key\": \"alice-iss\", \"secret\": \"jwt-secret\"}");
        created("/consumers/alice/hmac-auth", "{\"username\": \"alice-hmac\", \"secret\": \"hmac-secret\"}");
        created("/services/billing/plugins", "{\"name\": \"cors\"}");
        created("/routes/loose/plugins", "{\"name\": \"key-auth\"}");
        created("/consumers/alice/plugins", "{\"name\": \"rate-limiting\", \"config\": {\"minute\": 5}}");
        created("/plugins", "{\"name\": \"correlation-id\"}");
        created(
                "/certificates",
                Http.JSON.writeValueAsString(Map.of(
                        "cert", leaf.certPem(), "key", leaf.keyPem(), "snis", List.of("a.deck.test", "b.deck.test"))));
        created("/upstreams", "{\"name\": \"billing.upstream\"}");
        created("/upstreams/billing.upstream/targets", "{\"target\": \"10.0.0.1:8080\", \"weight\": 50}");
        created(
                "/ca_certificates",
                Http.JSON.writeValueAsString(
                        Map.of("cert", TestPki.ca("deck-ca").certPem())));
        created("/key-sets", "{\"name\": \"signing\"}");
        created(
                "/key-sets/signing/keys",
                "{\"name\": \"k1\", \"kid\": \"k1\", \"jwk\": "
                        + "\"{\\\"kty\\\":\\\"oct\\\",\\\"kid\\\":\\\"k1\\\",\\\"k\\\":\\\"c2VjcmV0\\\"}\"}");
        created("/vaults", "{\"prefix\": \"my-env\", \"name\": \"env\", \"config\": {\"prefix\": \"APP_\"}}");
    }

    private static void created(String path, String body) {
        Http.Response answer = Http.post(a.admin() + path, body);
        assertThat(answer.status())
                .as("POST %s %s -> %s", path, body, answer.body())
                .isEqualTo(201);
    }

    /** The rows of the event log of database {@code name} on the cluster's server. */
    private static long events(String name) throws Exception {
        try (Connection db = java.sql.DriverManager.getConnection(
                        "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + name, "postgres", "");
                ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM event_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static CliProcess.Result cli(String node, String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", dir.resolve(node + ".conf").toString()));
        return CliProcess.run(dir, all.toArray(String[]::new));
    }
}
