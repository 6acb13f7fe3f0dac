package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kong's {@code spec/02-integration/04-admin_api/22-debug_spec.lua}: the dynamic log level
 * ({@code /debug/node/log-level}, {@code /debug/cluster/log-level}) on a two-node cluster (one PostgreSQL,
 * {@code db_update_frequency = 1}), both nodes started with {@code log_level = debug} as Kong's are. 9 of the spec's 14
 * cases are ported; the DB-less case and the four hybrid-mode cases (control planes) have no counterpart. Kong's
 * assertions on its error log (nginx's upstream TLS messages, the datadog plugin's timer) are not ported; the Admin
 * API's answers are. Every case that changes the level ends back at {@code debug}, so the cases hold in any order.
 */
class KongDebugSpecIT {

    static final String LEVEL = "/debug/node/log-level";

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;
    static NodeProcess second;

    @BeforeAll
    static void start() throws Exception {
        cluster = TestCluster.start(dir);
        Map<String, String> settings = cluster.settings("db_update_frequency", "1", "log_level", "debug");
        node = cluster.node("debug", settings);
        second = cluster.node("debug2", settings);
    }

    @AfterAll
    static void stop() throws Exception {
        cluster.close();
    }

    /** 22-debug_spec.lua: "gets current log level for traditional and dbless". */
    @Test
    void gets_current_log_level_for_traditional_and_dbless() {
        assertLevel("debug");
    }

    /**
     * 22-debug_spec.lua: "e2e test - check if dynamic set log level works" (the Admin API's answers, and the change
     * logged; not Kong's error-log lines).
     */
    @Test
    void e2e_test_check_if_dynamic_set_log_level_works() throws Exception {
        assertMessage(put("alert"), 200, "log level changed");
        assertLevel("alert");
        assertMessage(put("debug"), 200, "log level changed");
        assertLevel("debug");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(node.log()).contains("log level changed to debug"));
    }

    /** 22-debug_spec.lua: "changes log level for traditional mode". */
    @Test
    void changes_log_level_for_traditional_mode() {
        assertMessage(put("notice"), 200, "log level changed");
        assertLevel("notice");
        assertMessage(put("debug"), 200, "log level changed");
        assertLevel("debug");
    }

    /** 22-debug_spec.lua: "handles unknown log level for traditional mode". */
    @Test
    void handles_unknown_log_level_for_traditional_mode() {
        assertMessage(put("stderr"), 400, "unknown log level: stderr");
    }

    /** 22-debug_spec.lua: "current log level is equal to configured log level". */
    @Test
    void current_log_level_is_equal_to_configured_log_level() {
        assertMessage(put("debug"), 200, "log level is already debug");
    }

    /** 22-debug_spec.lua: "broadcasts to all traditional nodes". */
    @Test
    void broadcasts_to_all_traditional_nodes() {
        assertMessage(putEverywhere("emerg"), 200, "log level changed");
        assertLevel(node, "emerg");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertLevel(second, "emerg"));
        assertMessage(putEverywhere("debug"), 200, "log level changed");
        assertLevel(node, "debug");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertLevel(second, "debug"));
    }

    /**
     * 22-debug_spec.lua: "newly spawned workers can update their log levels" ({@code tollgate reload} for Kong's
     * reload: the dynamic level outlives it, then times out back to {@code debug}).
     */
    @Test
    void newly_spawned_workers_can_update_their_log_levels() throws Exception {
        assertMessage(put("crit?timeout=10"), 200, "log level changed");
        assertLevel("crit");
        CliProcess.Result reloaded =
                CliProcess.run(dir, "reload", "-p", node.prefix().toString());
        assertThat(reloaded.exitCode()).as(reloaded.err()).isZero();
        assertLevel("crit");
        await().atMost(Duration.ofSeconds(16)).untilAsserted(() -> assertLevel("debug"));
    }

    /** 22-debug_spec.lua: "change log_level with timeout" (the Admin API's answers, not Kong's error-log lines). */
    @Test
    void change_log_level_with_timeout() {
        assertMessage(put("alert?timeout=5"), 200, "log level changed");
        assertLevel("alert");
        await().atMost(Duration.ofSeconds(6)).untilAsserted(() -> assertLevel("debug"));
    }

    /** 22-debug_spec.lua: "should refuse invalid timeout". */
    @Test
    void should_refuse_invalid_timeout() {
        assertMessage(put("notice?timeout=-1"), 400, "timeout must be greater than or equal to 0");
        assertLevel("debug");
    }

    private static Http.Response put(String levelAndQuery) {
        return Http.sendAs("PUT", node.admin() + LEVEL + "/" + levelAndQuery, null, "");
    }

    private static Http.Response putEverywhere(String level) {
        return Http.sendAs("PUT", node.admin() + "/debug/cluster/log-level/" + level, null, "");
    }

    private static void assertLevel(String level) {
        assertLevel(node, level);
    }

    private static void assertLevel(NodeProcess on, String level) {
        assertMessage(Http.get(on.admin() + LEVEL), 200, "log level: " + level);
    }

    private static void assertMessage(Http.Response response, int status, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.json().get("message").asText()).isEqualTo(message);
        assertThat(response.json().size()).as(response.body()).isEqualTo(1);
    }
}
