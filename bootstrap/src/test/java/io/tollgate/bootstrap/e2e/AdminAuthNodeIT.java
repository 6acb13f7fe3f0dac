package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin_auth} on real nodes over a real PostgreSQL, with the accounts managed by {@code tollgate admins} run
 * from the jar: {@code basic} and {@code token} accept an account's credentials and refuse others with 401, a CORS
 * preflight needs none, an account removed through the CLI stops working within the nodes' 5 s memory, and a node
 * with the default {@code admin_auth = off} answers as Kong.
 */
class AdminAuthNodeIT {

    /** The nodes remember a verified credential 5 s; the rest is slack for a loaded machine. */
    private static final Duration FORGOTTEN = Duration.ofSeconds(20);

    private static final Duration CLI = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static String basic(String name, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((name + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertUnauthorized(Http.Response response, String scheme) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.json().get("message").asText()).isEqualTo("Unauthorized");
        assertThat(response.header("WWW-Authenticate")).isEqualTo(scheme + " realm=\"tollgate-admin\"");
    }

    @Test
    void basic_accepts_a_password_account_until_it_is_removed() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir)) {
            NodeProcess node = cluster.node("a", cluster.settings("admin_auth", "basic"));
            String conf = node.conf().toString();
            assertUnauthorized(Http.get(node.admin() + "/services"), "Basic");
            // tollgate health has no credentials: a 401 from /status still means the node answers
            NodeProcess.CommandResult health =
                    NodeProcess.command(CLI, "health", "-p", node.prefix().toString());
            assertThat(health.exitCode()).as(health.output()).isZero();
            assertThat(health.output()).contains("Tollgate is healthy at");

            NodeProcess.CommandResult add = NodeProcess.commandWithInput(
                    CLI, "s3cret\n", "admins", "add", "alice", "--password-stdin", "-c", conf);
            assertThat(add.exitCode()).as(add.output()).isZero();
            assertThat(add.output()).contains("Admin account 'alice' added (password).");
            NodeProcess.CommandResult again = NodeProcess.commandWithInput(
                    CLI, "other\n", "admins", "add", "alice", "--password-stdin", "-c", conf);
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.output()).contains("Error: an admin account named 'alice' exists already");

            String alice = basic("alice", "s3cret");
            assertThat(Http.get(node.admin() + "/services", "Authorization", alice)
                            .status())
                    .isEqualTo(200);
            assertThat(Http.post(node.admin() + "/services", "{\"name\":\"s\",\"host\":\"s.test\"}")
                            .status())
                    .isEqualTo(401);
            assertThat(Http.send(
                                    "POST",
                                    node.admin() + "/services",
                                    "{\"name\":\"s\",\"host\":\"s.test\"}",
                                    "Authorization",
                                    alice)
                            .status())
                    .isEqualTo(201);
            assertUnauthorized(Http.get(node.admin() + "/services", "Authorization", basic("alice", "wrong")), "Basic");
            assertUnauthorized(
                    Http.get(node.admin() + "/services", "Authorization", basic("mallory", "s3cret")), "Basic");

            // a browser's CORS preflight carries no credentials and is answered
            Http.Response options = Http.send(
                    "OPTIONS",
                    node.admin() + "/services",
                    null,
                    "Origin",
                    "http://localhost:8002",
                    "Access-Control-Request-Method",
                    "GET");
            assertThat(options.status()).isEqualTo(200);
            assertThat(options.header("Access-Control-Allow-Methods")).contains("GET");

            NodeProcess.CommandResult list = NodeProcess.command(CLI, "admins", "list", "--json", "-c", conf);
            assertThat(list.exitCode()).as(list.output()).isZero();
            JsonNode accounts =
                    Http.JSON.readTree(list.output().substring(list.output().indexOf('{')));
            assertThat(accounts.get("data")).hasSize(1);
            assertThat(accounts.get("data").get(0).get("name").asText()).isEqualTo("alice");
            assertThat(accounts.get("data").get(0).get("kind").asText()).isEqualTo("password");
            assertThat(list.output()).doesNotContain("pbkdf2");

            NodeProcess.CommandResult remove = NodeProcess.command(CLI, "admins", "remove", "alice", "-c", conf);
            assertThat(remove.exitCode()).as(remove.output()).isZero();
            Duration took = Http.await(node.admin() + "/services", Http.status(401), FORGOTTEN, "Authorization", alice);
            assertThat(took).isLessThan(FORGOTTEN);
            NodeProcess.CommandResult gone = NodeProcess.command(CLI, "admins", "remove", "alice", "-c", conf);
            assertThat(gone.exitCode()).isEqualTo(1);
            assertThat(gone.output()).contains("Error: no admin account named 'alice'");

            assertThat(node.log())
                    .contains("admin API authentication failed for account 'alice'")
                    .contains("admin API authentication failed for account 'mallory'")
                    .doesNotContain("s3cret")
                    .doesNotContain("wrong");
        }
    }

    @Test
    void token_accepts_kong_admin_token_and_bearer_until_it_is_removed() throws Exception {
        try (TestCluster cluster = TestCluster.start(dir)) {
            NodeProcess node = cluster.node("t", cluster.settings("admin_auth", "token"));
            String conf = node.conf().toString();
            assertUnauthorized(Http.get(node.admin() + "/"), "Bearer");

            NodeProcess.CommandResult add = NodeProcess.command(CLI, "admins", "add", "ci-bot", "--token", "-c", conf);
            assertThat(add.exitCode()).as(add.output()).isZero();
            String token = add.output()
                    .lines()
                    .filter(l -> l.matches("[A-Za-z0-9_-]{43}"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no token in: " + add.output()));

            assertThat(Http.get(node.admin() + "/services", "Kong-Admin-Token", token)
                            .status())
                    .isEqualTo(200);
            assertThat(Http.get(node.admin() + "/services", "Authorization", "Bearer " + token)
                            .status())
                    .isEqualTo(200);
            assertUnauthorized(Http.get(node.admin() + "/services", "Kong-Admin-Token", token + "x"), "Bearer");
            assertUnauthorized(Http.get(node.admin() + "/services", "Authorization", basic("ci-bot", token)), "Bearer");

            NodeProcess.CommandResult list = NodeProcess.command(CLI, "admins", "list", "-c", conf);
            assertThat(list.exitCode()).as(list.output()).isZero();
            assertThat(list.output()).containsPattern("ci-bot +token").doesNotContain(token);

            NodeProcess.CommandResult remove = NodeProcess.command(CLI, "admins", "remove", "ci-bot", "-c", conf);
            assertThat(remove.exitCode()).as(remove.output()).isZero();
            Http.await(node.admin() + "/services", Http.status(401), FORGOTTEN, "Kong-Admin-Token", token);
            assertThat(node.log())
                    .contains("admin API authentication failed for a token")
                    .doesNotContain(token);

            // a node of the same cluster with the default admin_auth = off answers as Kong, whatever accounts exist
            NodeProcess open = cluster.node("o", cluster.settings());
            Http.Response root = Http.get(open.admin() + "/");
            assertThat(root.status()).isEqualTo(200);
            assertThat(root.json().get("configuration").get("admin_auth").asText())
                    .isEqualTo("off");
            assertThat(root.header("WWW-Authenticate")).isNull();
            assertThat(Http.get(open.admin() + "/services", "Origin", "http://gui.example")
                            .header("Access-Control-Allow-Origin"))
                    .isEqualTo("http://gui.example");
        }
    }
}
