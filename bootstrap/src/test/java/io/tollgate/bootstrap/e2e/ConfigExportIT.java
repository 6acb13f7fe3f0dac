package io.tollgate.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.bootstrap.e2e.AdminSurface.Resource;
import io.tollgate.domain.catalog.EntityKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate config export --at}: configuration is written through a node's Admin API, the time noted, more
 * written (updates, deletes with cascades, creates); the export at the noted time must hold exactly what the Admin API
 * listed then, entity by entity and field by field, in every kind; by the position it names it must be the same; now,
 * what the Admin API lists now. A moment before the log's compaction snapshot fails with one line.
 */
class ConfigExportIT {

    @TempDir
    static Path dir;

    static TestCluster cluster;
    static NodeProcess node;

    private final AdminSurface surface = AdminSurface.current();

    @BeforeAll
    static void startNode() throws Exception {
        cluster = TestCluster.startFast(dir);
        node = cluster.node("export", cluster.settings());
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void the_export_at_a_past_moment_is_what_the_admin_api_listed_then() throws Exception {
        TestPki.Issued leaf = TestPki.selfSigned("export", "a.export.test");
        String service = created(
                "/services",
                "{\"name\": \"billing\", \"url\": \"http://billing.internal:8080/v1\"," + " \"tags\": [\"team-a\"]}");
        created("/services/billing/routes", "{\"name\": \"billing-api\", \"paths\": [\"/billing\"]}");
        created("/consumers", "{\"username\": \"alice\", \"custom_id\": \"a-1\"}");
        String bob = created("/consumers", "{\"username\": \"bob\"}");
        created("/consumers/bob/key-auth", "{\"key\": \"bobs-key\"}");
        created("/consumers/bob/acls", "{\"group\": \"admins\"}");
        created("/routes/billing-api/plugins", "{\"name\": \"key-auth\"}");
        String certificate = created(
                "/certificates",
                Http.JSON.writeValueAsString(Map.of(
                        "cert",
                        leaf.certPem(),
                        "key",
                        leaf.keyPem(),
                        "snis",
                        List.of("b.export.test", "a.export.test"))));
        created("/upstreams", "{\"name\": \"billing.upstream\"}");
        created("/upstreams/billing.upstream/targets", "{\"target\": \"10.0.0.1:8080\", \"weight\": 50}");
        String target = created("/upstreams/billing.upstream/targets", "{\"target\": \"10.0.0.2:8080\"}");
        created(
                "/ca_certificates",
                Http.JSON.writeValueAsString(
                        Map.of("cert", TestPki.ca("export-ca").certPem())));
        Map<String, Map<String, JsonNode>> then = listEverything();
        Instant moment = Instant.now();

        assertThat(Http.send("PATCH", node.admin() + "/services/" + service, "{\"host\": \"billing-v2.internal\"}")
                        .status())
                .isEqualTo(200);
        assertThat(Http.delete(node.admin() + "/consumers/" + bob).status()).isEqualTo(204);
        assertThat(Http.send("PUT", node.admin() + "/routes/reports", "{\"paths\": [\"/reports\"]}")
                        .status())
                .isEqualTo(200);
        assertThat(Http.send(
                                "PATCH",
                                node.admin() + "/certificates/" + certificate,
                                "{\"snis\": [\"a.export.test\", \"c.export.test\"]}")
                        .status())
                .isEqualTo(200);
        assertThat(Http.delete(node.admin() + "/upstreams/billing.upstream/targets/" + target)
                        .status())
                .isEqualTo(204);
        created("/upstreams", "{\"name\": \"reports.upstream\"}");
        Map<String, Map<String, JsonNode>> now = listEverything();

        Path atMoment = dir.resolve("at-moment.json");
        CliProcess.Result exported = cli("config", "export", "--at", epochSeconds(moment), "-o", atMoment.toString());
        assertThat(exported.exitCode())
                .as("%s %s", exported.out(), exported.err())
                .isZero();
        JsonNode export = Http.JSON.readTree(atMoment.toFile());
        assertThat(export.get("_format_version").asText()).isEqualTo("tollgate-1");
        assertThat(export.get("_at").decimalValue()).isEqualByComparingTo(epochSeconds(moment));
        assertThat(exported.out())
                .contains("at position " + export.get("_position").asText());
        assertSameEntities(export, then);
        assertThat(export.get("services").get(0).get("host").asText()).isEqualTo("billing.internal");
        assertThat(export.get("certificates").get(0).get("snis").toString())
                .isEqualTo("[\"a.export.test\",\"b.export.test\"]");

        CliProcess.Result byPosition =
                cli("config", "export", "--at", export.get("_position").asText());
        assertThat(byPosition.exitCode()).as(byPosition.err()).isZero();
        JsonNode positioned = Http.JSON.readTree(byPosition.out());
        assertThat(positioned.get("_position")).isEqualTo(export.get("_position"));
        assertSameEntities(positioned, then);

        CliProcess.Result current = cli("config", "export");
        assertThat(current.exitCode()).as(current.err()).isZero();
        assertSameEntities(Http.JSON.readTree(current.out()), now);

        CliProcess.Result malformed = cli("config", "export", "--at", "last tuesday");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err().strip()).startsWith("Error: --at takes epoch seconds");

        compactAtTheLastEvent();
        CliProcess.Result before = cli("config", "export", "--at", epochSeconds(moment));
        assertThat(before.exitCode()).isEqualTo(1);
        assertThat(before.out()).isEmpty();
        assertThat(before.err().strip().lines().filter(l -> l.startsWith("Error: ")))
                .singleElement()
                .asString()
                .contains("is before the event log's compaction snapshot")
                .contains("the earliest exportable moment is");
    }

    /** Every kind in the export holds exactly the entities listed, field by field (numbers by value). */
    private static void assertSameEntities(JsonNode export, Map<String, Map<String, JsonNode>> listed) {
        for (EntityKind kind : EntityKind.values()) {
            String name = kind.kongName();
            Map<String, JsonNode> exported = new TreeMap<>();
            export.get(name).forEach(entity -> exported.put(entity.get("id").asText(), entity));
            assertThat(exported.keySet())
                    .as("%s ids", name)
                    .isEqualTo(listed.get(name).keySet());
            exported.forEach((id, entity) -> assertThat(entity.equals(
                            Ledger.NUMBERS_BY_VALUE, listed.get(name).get(id)))
                    .as(
                            "%s %s: exported %s, listed %s",
                            name, id, entity, listed.get(name).get(id))
                    .isTrue());
        }
    }

    /** What the Admin API lists of every kind (targets below each upstream), by kind and id. */
    private Map<String, Map<String, JsonNode>> listEverything() {
        Map<String, Map<String, JsonNode>> listed = new LinkedHashMap<>();
        for (EntityKind kind : EntityKind.values()) {
            listed.put(kind.kongName(), new TreeMap<>());
        }
        for (Resource resource : surface.resources) {
            if (resource.topLevel()) {
                list("/" + resource.path(), listed.get(resource.schema().name()));
            }
        }
        Resource targets = surface.of("targets");
        for (String upstream : listed.get("upstreams").keySet()) {
            list("/upstreams/" + upstream + "/" + targets.nestedPath(), listed.get("targets"));
        }
        return listed;
    }

    private static void list(String path, Map<String, JsonNode> into) {
        Http.Response page = Http.get(node.admin() + path + "?size=1000");
        assertThat(page.status()).as(path + " " + page.body()).isEqualTo(200);
        assertThat(page.json().get("next").isNull())
                .as("%s fits one page", path)
                .isTrue();
        for (Iterator<JsonNode> it = page.json().get("data").elements(); it.hasNext(); ) {
            JsonNode entity = it.next();
            into.put(entity.get("id").asText(), entity);
        }
    }

    private static String created(String path, String body) {
        Http.Response answer = Http.post(node.admin() + path, body);
        assertThat(answer.status())
                .as("POST %s %s -> %s", path, body, answer.body())
                .isEqualTo(201);
        return answer.json().get("id").asText();
    }

    private static CliProcess.Result cli(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-c", dir.resolve("export.conf").toString()));
        return CliProcess.run(dir, all.toArray(String[]::new));
    }

    /** Seconds since the epoch with microseconds, as an operator would type them. */
    private static String epochSeconds(Instant moment) {
        return BigDecimal.valueOf(moment.getEpochSecond())
                .add(BigDecimal.valueOf(moment.getNano() / 1000, 6))
                .toPlainString();
    }

    /** Stands in for compaction (another change): the log's snapshot position becomes its last event. */
    private static void compactAtTheLastEvent() throws Exception {
        try (Connection db = cluster.database().getConnection()) {
            db.createStatement()
                    .execute("UPDATE event_log_compaction c SET commit_seq = l.commit_seq, event_id = l.id,"
                            + " compacted_at = clock_timestamp() FROM (SELECT commit_seq, id FROM event_log"
                            + " ORDER BY commit_seq DESC, id DESC LIMIT 1) l WHERE c.id = 1");
        }
    }
}
