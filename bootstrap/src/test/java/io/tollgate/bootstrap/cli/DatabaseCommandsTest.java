package io.tollgate.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.adapter.postgres.PastConfiguration;
import io.tollgate.adapter.postgres.ReplayReport;
import io.tollgate.application.port.in.ClusterStatus;
import io.tollgate.application.port.in.MemberStatus;
import io.tollgate.application.port.out.Compaction;
import io.tollgate.application.port.out.LogPosition;
import io.tollgate.bootstrap.config.ConfigLoader;
import io.tollgate.bootstrap.config.TollgateConfig;
import io.tollgate.bootstrap.export.ExportMoment;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.certificate.Snis;
import io.tollgate.domain.cluster.ClusterMember;
import io.tollgate.domain.cluster.MemberState;
import io.tollgate.domain.cluster.RecordedState;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.service.Services;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tollgate db rebuild}, {@code tollgate db compact} and {@code tollgate config export} against a recording node:
 * parsing, output, exits.
 */
class DatabaseCommandsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final RecordingNode node = new RecordingNode();

    private int run(String... args) {
        ConfigLoader loader = new ConfigLoader(Map.of(), List.of(), w -> {});
        return new Cli(loader, node, "1.2.3", new PrintWriter(out), new PrintWriter(err)).execute(args);
    }

    private static final UUID A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private static ReplayReport report(List<ReplayReport.Table> tables, ReplayReport.@Nullable Failure failure) {
        return new ReplayReport("tollgate_replay_1_abcd", false, 2, 40, 1, tables, failure, Duration.ofMillis(1500));
    }

    @Test
    void rebuild_prints_every_table_and_exits_0_when_identical() {
        node.report = report(
                List.of(
                        new ReplayReport.Table("services", 3, 3, 0, List.of()),
                        new ReplayReport.Table("routes", 0, 0, 0, List.of())),
                null);

        assertThat(run("db", "rebuild")).isZero();

        assertThat(node.calls).containsExactly("rebuild keep=false");
        assertThat(out.toString())
                .contains("Replayed the event log into schema tollgate_replay_1_abcd (dropped): 2 snapshot row(s),"
                        + " 40 entity event(s), 1 other event(s) passed over, in 1.500 s")
                .containsPattern("services +3 +3 +0")
                .containsPattern("routes +0 +0 +0")
                .contains("Verdict: identical");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void rebuild_lists_the_first_differing_ids_and_exits_1() throws IOException {
        Path conf = Files.writeString(dir.resolve("t.conf"), "pg_host = db.example\n");
        node.report = report(
                List.of(
                        new ReplayReport.Table("services", 3, 3, 0, List.of()),
                        new ReplayReport.Table("routes", 5, 6, 12, List.of(A, B))),
                null);

        assertThat(run("db", "rebuild", "--keep", "-c", conf.toString())).isEqualTo(1);

        assertThat(node.calls).containsExactly("rebuild keep=true");
        assertThat(node.config.pgHost()).isEqualTo("db.example");
        assertThat(out.toString())
                .containsPattern("routes +5 +6 +12  " + A + " " + B + " …")
                .contains("Verdict: DIFFERENT: 1 table(s) differ");
    }

    @Test
    void rebuild_reports_the_event_that_could_not_be_projected_and_exits_1() {
        node.report = report(
                List.of(),
                new ReplayReport.Failure(new LogPosition(812, 40), "entity_updated", "routes", A, "no such row"));

        assertThat(run("db", "rebuild")).isEqualTo(1);

        assertThat(out.toString())
                .contains("Verdict: FAILED: event 812:40 (entity_updated routes " + A
                        + ") could not be projected: no such row");
    }

    @Test
    void compact_uses_the_configured_retention_or_the_one_given_and_prints_what_it_did() throws IOException {
        Path conf = Files.writeString(dir.resolve("t.conf"), "event_log_retention = 86400\n");
        LogPosition to = new LogPosition(812, 40);
        node.compaction =
                new Compaction.Folded(LogPosition.START, to, 40, 40, 12, Duration.ofMillis(90), Duration.ofMillis(30));

        assertThat(run("db", "compact", "-c", conf.toString())).isZero();
        assertThat(run("db", "compact", "--conf", conf.toString(), "--retention", "0.5"))
                .isZero();

        assertThat(node.calls).containsExactly("compact " + Duration.ofDays(1), "compact " + Duration.ofMillis(500));
        assertThat(out.toString().lines())
                .hasSize(2)
                .allMatch(line -> line.startsWith("event log compacted: 40 event(s)")
                        && line.contains("now 12 entities at " + to));
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void compact_says_when_another_node_is_compacting_and_compacts_nothing_with_a_retention_of_0() {
        node.compaction = new Compaction.Busy();

        assertThat(run("db", "compact")).isZero();
        assertThat(run("db", "compact", "--retention", "0")).isZero();

        assertThat(node.calls).containsExactly("compact " + Duration.ofDays(30));
        assertThat(out.toString().lines())
                .containsExactly(
                        "event log compaction skipped: another node is compacting the log",
                        "event_log_retention is 0 (keep every event): nothing compacted;"
                                + " give --retention SECONDS to compact anyway");
    }

    @Test
    void compact_rejects_a_bad_retention_like_the_property_and_fails_with_the_database() {
        assertThat(run("db", "compact", "--retention", "1h")).isEqualTo(2);
        node.failure = new IllegalStateException(
                "the database has 1 pending migration(s); run `tollgate migrations up`" + " before compacting");
        assertThat(run("db", "compact")).isEqualTo(1);

        assertThat(err.toString().lines())
                .containsExactly(
                        "Error: invalid event_log_retention: \"1h\" is not a number of seconds",
                        "Error: the database has 1 pending migration(s); run `tollgate migrations up` before compacting");
        assertThat(node.calls).isEmpty();
    }

    @Test
    void db_and_config_need_a_known_command_and_options() {
        assertThat(run("db")).isEqualTo(2);
        assertThat(run("db", "wipe")).isEqualTo(2);
        assertThat(run("db", "rebuild", "--force")).isEqualTo(2);
        assertThat(run("config")).isEqualTo(2);
        assertThat(run("config", "export", "--at")).isEqualTo(2);

        assertThat(err.toString().lines()).hasSize(5).allMatch(line -> line.startsWith("Error: "));
        assertThat(err.toString())
                .contains("missing db command (rebuild or compact)")
                .contains("missing config command (export, db_export, db_import, parse, init)");
        assertThat(node.calls).isEmpty();
    }

    @Test
    void export_reads_now_epoch_seconds_or_a_position() {
        node.configuration = configuration();

        assertThat(run("config", "export")).isZero();
        assertThat(run("config", "export", "--at", "1700000000.25")).isZero();
        assertThat(run("config", "export", "--at", "1700000000")).isZero();
        assertThat(run("config", "export", "--at", "1234:56")).isZero();

        assertThat(node.calls)
                .containsExactly(
                        "export " + new ExportMoment.Now(),
                        "export " + new ExportMoment.Epoch(Instant.ofEpochSecond(1_700_000_000L, 250_000_000)),
                        "export " + new ExportMoment.Epoch(Instant.ofEpochSecond(1_700_000_000L)),
                        "export " + new ExportMoment.Position(new LogPosition(1234, 56)));
    }

    @Test
    void a_malformed_at_is_a_one_line_usage_error() {
        for (String bad : List.of("yesterday", "-5", "1.2.3", "12:", "1e9", "")) {
            err.getBuffer().setLength(0);
            assertThat(run("config", "export", "--at", bad)).as(bad).isEqualTo(2);
            assertThat(err.toString().lines()).as(bad).hasSize(1).allMatch(l -> l.startsWith("Error: "));
        }
        assertThat(err.toString()).contains("<commit number>:<event id>");
        assertThat(node.calls).isEmpty();
    }

    @Test
    void export_writes_json_with_every_kind_in_catalogue_order_and_certificates_with_their_sni_names()
            throws IOException {
        node.configuration = configuration();

        assertThat(run("config", "export", "--at", "1234:56")).isZero();

        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<String> keys = new ArrayList<>();
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        List<String> expected = new ArrayList<>(List.of("_format_version", "_position", "_at"));
        for (EntityKind kind : EntityKind.values()) {
            expected.add(kind.kongName());
        }
        assertThat(keys).containsExactlyElementsOf(expected);
        assertThat(json.get("_format_version").asText()).isEqualTo("tollgate-1");
        assertThat(json.get("_position").asText()).isEqualTo("1234:56");
        assertThat(json.get("_at").decimalValue()).isEqualByComparingTo("1700000000.123456");
        assertThat(json.get("certificates").get(0).get("snis").toString()).isEqualTo("[\"a.example\",\"b.example\"]");
        assertThat(json.get("certificates").get(1).get("snis").toString()).isEqualTo("[]");
        assertThat(json.get("services").get(0).get("host").asText()).isEqualTo("example.com");
        assertThat(json.get("services").get(0).has("path")).as("nulls kept").isTrue();
        assertThat(json.get("routes").isArray()).isTrue();
    }

    @Test
    void export_to_a_file_says_what_it_wrote() throws IOException {
        node.configuration = configuration();
        Path file = dir.resolve("config.json");

        assertThat(run("config", "export", "-o", file.toString())).isZero();

        assertThat(new ObjectMapper().readTree(file.toFile()).get("_position").asText())
                .isEqualTo("1234:56");
        assertThat(out.toString())
                .isEqualTo("Exported 5 entities at position 1234:56 (1700000000.123456) to " + file
                        + System.lineSeparator());
        assertThat(dir.resolve("config.json.partial")).doesNotExist();
    }

    @Test
    void an_export_the_log_cannot_tell_is_a_one_line_failure() {
        node.failure = new IllegalArgumentException("moment 1 (1970-01-01T00:00:01Z) is before the event log's"
                + " compaction snapshot; the earliest exportable moment is 1700000000 (…)");

        assertThat(run(
                        "config",
                        "export",
                        "--at",
                        "1",
                        "-o",
                        dir.resolve("x.json").toString()))
                .isEqualTo(1);

        assertThat(err.toString().lines()).hasSize(1).allMatch(l -> l.startsWith("Error: moment 1 "));
        assertThat(dir.resolve("x.json")).doesNotExist();
    }

    private static PastConfiguration configuration() {
        Entity withSnis = new Entity(Certificates.SCHEMA, fields(A, "cert", "PEM", "snis", null));
        Entity withoutSnis = new Entity(Certificates.SCHEMA, fields(B, "cert", "PEM2", "snis", null));
        Map<EntityKind, List<Entity>> entities = new LinkedHashMap<>();
        entities.put(EntityKind.CERTIFICATES, List.of(withSnis, withoutSnis));
        entities.put(
                EntityKind.SNIS,
                List.of(
                        new Entity(
                                Snis.SCHEMA,
                                fields(
                                        UUID.randomUUID(),
                                        "name",
                                        "b.example",
                                        "certificate",
                                        Map.of("id", A.toString()))),
                        new Entity(
                                Snis.SCHEMA,
                                fields(
                                        UUID.randomUUID(),
                                        "name",
                                        "a.example",
                                        "certificate",
                                        Map.of("id", A.toString())))));
        entities.put(
                EntityKind.SERVICES,
                List.of(new Entity(Services.SCHEMA, fields(UUID.randomUUID(), "host", "example.com", "path", null))));
        return new PastConfiguration(
                new LogPosition(1234, 56), Instant.ofEpochSecond(1_700_000_000L, 123_456_000), entities);
    }

    private static Map<String, @Nullable Object> fields(UUID id, String k1, Object v1, String k2, @Nullable Object v2) {
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("id", id.toString());
        fields.put(k1, v1);
        fields.put(k2, v2);
        return fields;
    }

    private static ClusterStatus twoMembers() {
        java.time.Instant beat = java.time.Instant.parse("2026-01-01T10:00:00.750Z");
        ClusterMember a = new ClusterMember(
                A,
                "host-a",
                "1.2.3",
                List.of("127.0.0.1:8000"),
                List.of("127.0.0.1:8001"),
                beat.minusSeconds(60),
                beat,
                12,
                "c0ffee",
                Duration.ofSeconds(1),
                RecordedState.ACTIVE);
        ClusterMember b = new ClusterMember(
                B,
                "host-b",
                "1.2.3",
                List.of(),
                List.of(),
                beat.minusSeconds(60),
                beat.minusSeconds(30),
                9,
                "c0ffee",
                Duration.ofMillis(500),
                RecordedState.ACTIVE);
        return new ClusterStatus(
                12, List.of(new MemberStatus(a, MemberState.ACTIVE, 0), new MemberStatus(b, MemberState.FAILED, 3)));
    }

    @Test
    void cluster_members_prints_a_table_of_the_nodes_with_the_given_prefix() throws IOException {
        node.members = twoMembers();
        assertThat(run("cluster", "members", "-p", dir.toString()))
                .as(err.toString())
                .isZero();
        assertThat(node.calls).containsExactly("cluster members");
        assertThat(node.config.prefix()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(out.toString())
                .containsPattern("ID +HOSTNAME +STATE +LAST HEARTBEAT +APPLIED +LAG +VERSION")
                .containsPattern(A + " +host-a +active +2026-01-01T10:00:00Z +12 +0 +1\\.2\\.3")
                .containsPattern(B + " +host-b +failed +2026-01-01T09:59:30Z +9 +3 +1\\.2\\.3")
                .contains("2 node(s); log head 12");
    }

    @Test
    void cluster_members_json_is_one_document_of_admin_api_rows() throws IOException {
        node.members = twoMembers();
        assertThat(run("cluster", "members", "--json")).isZero();
        var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(doc.get("head").asLong()).isEqualTo(12);
        assertThat(doc.get("data")).hasSize(2);
        assertThat(doc.get("data").get(1).toString())
                .isEqualTo("{\"id\":\"" + B + "\",\"hostname\":\"host-b\",\"version\":\"1.2.3\","
                        + "\"proxy_addresses\":[],\"admin_addresses\":[],\"state\":\"failed\","
                        + "\"started_at\":1767261540,\"last_heartbeat\":1767261570,\"heartbeat_interval\":0.5,"
                        + "\"applied_position\":9,\"lag\":3,\"config_hash\":\"c0ffee\"}");
    }

    @Test
    void cluster_without_a_command_is_a_usage_error() {
        assertThat(run("cluster")).isEqualTo(Cli.USAGE_ERROR);
        assertThat(err.toString()).contains("missing cluster command (members)");
    }

    private static final class RecordingNode extends UnsupportedNodeRunner {
        final List<String> calls = new ArrayList<>();
        TollgateConfig config = TollgateConfig.defaults();

        @Nullable
        RuntimeException failure;

        @Nullable
        ReplayReport report;

        @Nullable
        PastConfiguration configuration;

        @Nullable
        Compaction compaction;

        @Override
        public ReplayReport rebuild(TollgateConfig config, boolean keep) {
            record(config, "rebuild keep=" + keep);
            return java.util.Objects.requireNonNull(report);
        }

        @Override
        public PastConfiguration exportConfiguration(TollgateConfig config, ExportMoment at) {
            record(config, "export " + at);
            return java.util.Objects.requireNonNull(configuration);
        }

        @Override
        public Compaction compact(TollgateConfig config, Duration retention) {
            record(config, "compact " + retention);
            return java.util.Objects.requireNonNull(compaction);
        }

        @Nullable
        ClusterStatus members;

        @Override
        public ClusterStatus clusterMembers(TollgateConfig config) {
            record(config, "cluster members");
            return java.util.Objects.requireNonNull(members);
        }

        private void record(TollgateConfig config, String call) {
            if (failure != null) {
                throw failure;
            }
            this.config = config;
            calls.add(call);
        }
    }
}
