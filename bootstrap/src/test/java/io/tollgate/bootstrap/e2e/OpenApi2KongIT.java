package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A decK file written by Kong's own tool imports unchanged: Kong's {@code openapi-2-kong} 3.6.0 (the npm registry's,
 * installed under {@code target/openapi-2-kong} with its cache and temporary files there too) turns the sample
 * OpenAPI file {@code openapi/petstore.yaml} into a decK file ({@code _format_version: "1.1"}, regex paths without
 * Kong 3's {@code ~}, tags, service- and route-scoped plugins); {@code tollgate config db_import} imports it as written
 * and the node proxies as the spec says: {@code GET|POST /pets} exactly, {@code GET /pets/{petId}} behind key-auth,
 * other methods and longer paths not at all, the correlation-id header added. Skipped (with the reason) only when
 * {@code npm} is not on the PATH.
 */
class OpenApi2KongIT {

    private static final String PACKAGE = "openapi-2-kong@3.6.0";

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;
    static EchoUpstream echo;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                onPath("npm") && onPath("node"),
                "npm (and node) not on the PATH: cannot install Kong's openapi-2-kong to generate the decK file");
        cluster = TestCluster.startFast(dir);
        echo = cluster.closing(new EchoUpstream());
        node = cluster.node("o2k", cluster.settings());
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void the_file_openapi_2_kong_generates_imports_unchanged_and_proxies_as_the_spec_says() throws Exception {
        Path tool = installOpenApi2Kong();
        String port = echo.url().substring(echo.url().lastIndexOf(':') + 1);
        Path spec = dir.resolve("petstore.yaml");
        Files.writeString(
                spec,
                resource("petstore.yaml").replace("UPSTREAM_HOST", "127.0.0.1").replace("UPSTREAM_PORT", port));
        Path script = tool.resolve("generate.js");
        Files.writeString(script, resource("generate.js"));
        Path deck = dir.resolve("kong.yaml");
        run(tool, List.of("node", script.toString(), spec.toString(), deck.toString(), "oas"));
        String generated = Files.readString(deck);
        System.out.println("openapi-2-kong wrote:\n" + generated);
        assertThat(generated).contains("_format_version: \"1.1\"").contains("/pets$");

        CliProcess.Result imported = CliProcess.run(
                dir,
                "config",
                "db_import",
                deck.toString(),
                "-c",
                dir.resolve("o2k.conf").toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(imported.out())
                .contains("services:              created 1, updated 0, unchanged 0")
                .contains("routes:                created 3, updated 0, unchanged 0")
                .contains("plugins:               created 2, updated 0, unchanged 0");
        assertThat(Http.get(node.admin() + "/routes/Pet_Store-showPet").body()).contains("\"~/pets/(?<petId>");
        assertThat(Http.get(node.admin() + "/services?tags=OAS3_import,oas").body())
                .contains("\"name\":\"Pet_Store\"");

        Http.await(node.proxy() + "/pets", Http.status(200), Duration.ofSeconds(30));
        Map<?, ?> list = Http.JSON.readValue(Http.get(node.proxy() + "/pets").body(), Map.class);
        assertThat(list.get("path")).isEqualTo("/api/pets");
        assertThat(((Map<?, ?>) list.get("headers")).get("x-request-id"))
                .asString()
                .isNotBlank();
        assertThat(Http.post(node.proxy() + "/pets", "{}").status()).isEqualTo(200);
        assertThat(Http.delete(node.proxy() + "/pets").status()).isEqualTo(404);
        assertThat(Http.get(node.proxy() + "/pets/extra/segment").status()).isEqualTo(404);
        assertThat(Http.get(node.proxy() + "/pets/42").status()).isEqualTo(401);

        assertThat(Http.post(node.admin() + "/consumers", "{\"username\": \"pet-owner\"}")
                        .status())
                .isEqualTo(201);
        assertThat(Http.post(node.admin() + "/consumers/pet-owner/key-auth", "{\"key\": \"owner-key\"}")
                        .status())
                .isEqualTo(201);
        Http.await(node.proxy() + "/pets/42", Http.status(200), Duration.ofSeconds(30), "apikey", "owner-key");
        Map<?, ?> one = Http.JSON.readValue(
                Http.get(node.proxy() + "/pets/42", "apikey", "owner-key").body(), Map.class);
        assertThat(one.get("path")).isEqualTo("/api/pets/42");

        CliProcess.Result again = CliProcess.run(
                dir,
                "config",
                "db_import",
                deck.toString(),
                "-c",
                dir.resolve("o2k.conf").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("0 events appended");
    }

    /** {@code npm install openapi-2-kong@3.6.0} into {@code target/openapi-2-kong}, cache and temp files there. */
    private static Path installOpenApi2Kong() throws Exception {
        Path tool = Path.of("target", "openapi-2-kong").toAbsolutePath();
        if (!Files.isDirectory(tool.resolve("node_modules/openapi-2-kong"))) {
            Files.createDirectories(tool.resolve("tmp"));
            Files.writeString(tool.resolve("package.json"), "{\"name\": \"o2k-test\", \"private\": true}\n");
            run(
                    tool,
                    List.of(
                            "npm",
                            "install",
                            "--no-audit",
                            "--no-fund",
                            "--no-save",
                            "--cache",
                            tool.resolve("npm-cache").toString(),
                            PACKAGE));
        }
        return tool;
    }

    private static void run(Path in, List<String> command) throws IOException, InterruptedException {
        Path tool = Path.of("target", "openapi-2-kong").toAbsolutePath();
        Path log = Files.createTempFile(dir, "o2k", ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(in.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("TMPDIR", tool.resolve("tmp").toString());
        builder.environment().put("npm_config_cache", tool.resolve("npm-cache").toString());
        builder.environment().put("npm_config_update_notifier", "false");
        builder.environment().put("NODE_PATH", tool.resolve("node_modules").toString());
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(command + " did not end in 5 minutes: " + Files.readString(log));
        }
        assertThat(process.exitValue())
                .as("%s: %s", command, Files.readString(log))
                .isZero();
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = OpenApi2KongIT.class.getResourceAsStream("/openapi/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean onPath(String command) {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, command)));
    }
}
