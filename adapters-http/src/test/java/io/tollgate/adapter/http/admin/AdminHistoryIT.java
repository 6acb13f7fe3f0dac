package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tollgate.domain.catalog.EntityKind;
import io.tollgate.domain.certificate.Certificates;
import io.tollgate.domain.consumer.Consumers;
import io.tollgate.domain.credential.KeyAuthCredentials;
import io.tollgate.domain.entity.Entity;
import io.tollgate.domain.event.EntityCreated;
import io.tollgate.domain.event.EntityDeleted;
import io.tollgate.domain.event.EntityEvent;
import io.tollgate.domain.event.EntityUpdated;
import io.tollgate.domain.schema.EntitySchema;
import io.tollgate.domain.service.Services;
import io.tollgate.domain.upstream.Targets;
import io.tollgate.domain.upstream.Upstreams;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The configuration history endpoints over the real application service and an in-memory event log. */
class AdminHistoryIT extends AdminApiITSupport {

    private static final UUID NODE_A = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID NODE_B = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final Instant T0 = Instant.parse("2026-05-01T12:00:00.250Z");

    private int second;

    private static Entity entity(EntitySchema schema, Map<String, Object> fields) {
        Map<String, Object> input = new HashMap<>(fields);
        input.putIfAbsent("id", UUID.randomUUID().toString());
        return new Entity(schema, schema.validate(input));
    }

    private static Entity with(Entity entity, Map<String, Object> changes) {
        Map<String, Object> fields = new HashMap<>(entity.fields());
        fields.putAll(changes);
        return new Entity(entity.schema(), entity.schema().validate(fields));
    }

    /** Appends at T0 + n seconds (n counting up) and projects onto the tables. */
    private void write(UUID node, EntityEvent event) {
        LOG.add(node, T0.plusSeconds(second++), event);
        TABLES.project(event);
    }

    private static List<String> operations(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("data")
                .forEach(row -> out.add(row.get("operation").asText() + " "
                        + row.get("entity_name").asText()));
        return out;
    }

    private static JsonNode ok(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    void rows_show_each_change_newest_first_with_before_and_after() throws Exception {
        Entity svc = entity(Services.SCHEMA, Map.of("name", "svc", "host", "a.test"));
        Entity moved = with(svc, Map.of("host", "b.test"));
        write(NODE_A, new EntityCreated(svc));
        write(NODE_B, new EntityUpdated(moved, svc));
        write(NODE_A, new EntityDeleted(moved));

        JsonNode page = ok(admin.get("/history"));

        assertThat(operations(page)).containsExactly("delete services", "update services", "create services");
        JsonNode update = page.get("data").get(1);
        assertThat(update.get("position").asText()).isEqualTo("2:2");
        assertThat(update.get("created_at").isNumber()).isTrue();
        assertThat(update.get("created_at").decimalValue()).isEqualByComparingTo("1777636801.250");
        assertThat(update.get("node_id").asText()).isEqualTo(NODE_B.toString());
        assertThat(update.get("entity_id").asText()).isEqualTo(svc.id().toString());
        assertThat(update.get("before").get("host").asText()).isEqualTo("a.test");
        assertThat(update.get("after").get("host").asText()).isEqualTo("b.test");
        assertThat(page.get("data").get(0).get("after").isNull()).isTrue();
        assertThat(page.get("data").get(2).get("before").isNull()).isTrue();
        assertThat(page.get("data").get(2).get("after"))
                .isEqualTo(json(Responses.JSON.writeValueAsString(svc.fields())));
        assertThat(page.get("next").isNull()).isTrue();
        assertThat(page.has("offset")).isFalse();
    }

    @Test
    void pages_follow_kongs_conventions_and_next_repeats_the_filters() {
        for (int i = 0; i < 5; i++) {
            write(NODE_A, new EntityCreated(entity(Services.SCHEMA, Map.of("name", "s" + i, "host", "h.test"))));
        }
        write(NODE_A, new EntityCreated(entity(Consumers.SCHEMA, Map.of("username", "c"))));

        JsonNode first = ok(admin.get("/history?size=2&entity_name=services&since=0"));
        assertThat(first.get("data")).hasSize(2);
        String offset = first.get("offset").asText();
        assertThat(first.get("next").asText())
                .isEqualTo("/history?offset=" + offset + "&size=2&entity_name=services&since=0");
        JsonNode second = ok(admin.get(first.get("next").asText()));
        JsonNode third = ok(admin.get(second.get("next").asText()));
        assertThat(third.get("next").isNull()).isTrue();
        List<String> names = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("data")
                    .forEach(row -> names.add(row.get("after").get("name").asText()));
        }
        assertThat(names).containsExactly("s4", "s3", "s2", "s1", "s0");

        assertReply(
                admin.get("/history?size=1001"),
                400,
                "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be an integer between 1 and 1000\"}");
        assertReply(
                admin.get("/history?size=x"),
                400,
                "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be a number\"}");
        assertReply(
                admin.get("/history?offset=%25%25"),
                400,
                "{\"code\":7,\"name\":\"invalid offset\",\"message\":\"'%%' is not a valid offset: bad base64 encoding\"}");
        String notAPosition = OffsetTokens.encode(List.of("x", "1"));
        assertReply(
                admin.get("/history?offset=" + notAPosition),
                400,
                "{\"code\":7,\"name\":\"invalid offset\",\"message\":\"'" + notAPosition
                        + "' is not a valid offset: bad json encoding\"}");
        String entityOffset = OffsetTokens.encode(List.of(UUID.randomUUID().toString()));
        assertThat(admin.get("/history?offset=" + entityOffset).status())
                .as("an offset of another list")
                .isEqualTo(400);
    }

    @Test
    void filters_narrow_the_history_and_bad_ones_are_kongs_invalid_options() {
        Entity tagged = entity(Services.SCHEMA, Map.of("name", "t", "host", "t.test", "tags", List.of("blue")));
        Entity plain = entity(Services.SCHEMA, Map.of("name", "p", "host", "p.test"));
        Entity alice = entity(Consumers.SCHEMA, Map.of("username", "alice"));
        write(NODE_A, new EntityCreated(tagged)); // T0
        write(NODE_B, new EntityCreated(plain)); // T0 + 1
        write(NODE_B, new EntityCreated(alice)); // T0 + 2
        write(NODE_A, new EntityUpdated(with(tagged, Map.of("tags", List.of("red"))), tagged)); // T0 + 3

        assertThat(operations(ok(admin.get("/history?entity_name=consumers")))).containsExactly("create consumers");
        assertThat(ok(admin.get("/history?entity_id=" + plain.id())).get("data"))
                .hasSize(1);
        assertThat(operations(ok(admin.get("/history?tag=blue"))))
                .containsExactly("update services", "create services");
        assertThat(ok(admin.get("/history?node_id=" + NODE_B)).get("data")).hasSize(2);
        long t0 = T0.getEpochSecond();
        assertThat(operations(ok(admin.get("/history?since=" + (t0 + 1) + ".250&until=" + (t0 + 3) + ".25"))))
                .containsExactly("create consumers", "create services");
        assertThat(ok(admin.get("/history?since=" + (t0 + 1) + ".251")).get("data"))
                .as("since is inclusive to the millisecond")
                .hasSize(2);
        assertThat(ok(admin.get("/history?until=" + t0 + ".25")).get("data"))
                .as("until is exclusive")
                .isEmpty();

        assertReply(
                admin.get("/history?entity_name=key-auths"),
                400,
                "{\"code\":11,\"name\":\"invalid options\",\"message\":\"invalid option (entity_name: no entity named "
                        + "'key-auths')\",\"options\":{\"entity_name\":\"no entity named 'key-auths'\"}}");
        assertReply(
                admin.get("/history?entity_id=nope"),
                400,
                "{\"code\":11,\"name\":\"invalid options\",\"message\":\"invalid option (entity_id: expected a valid "
                        + "UUID)\",\"options\":{\"entity_id\":\"expected a valid UUID\"}}");
        assertReply(
                admin.get("/history?node_id=1"),
                400,
                "{\"code\":11,\"name\":\"invalid options\",\"message\":\"invalid option (node_id: expected a valid "
                        + "UUID)\",\"options\":{\"node_id\":\"expected a valid UUID\"}}");
        assertReply(
                admin.get("/history?since=yesterday"),
                400,
                "{\"code\":11,\"name\":\"invalid options\",\"message\":\"invalid option (since: expected epoch "
                        + "seconds)\",\"options\":{\"since\":\"expected epoch seconds\"}}");
        assertThat(admin.get("/history?until=1e999999").status()).isEqualTo(400);
        assertThat(admin.get("/history?tag=").status()).isEqualTo(400);
    }

    @Test
    void an_entitys_history_is_reached_by_id_or_key_also_once_deleted_with_secrets_redacted() {
        Entity svc = entity(Services.SCHEMA, Map.of("name", "svc", "host", "a.test"));
        Entity alice = entity(Consumers.SCHEMA, Map.of("username", "alice"));
        Entity key = entity(
                KeyAuthCredentials.SCHEMA,
                Map.of("key", "sekrit-1", "consumer", Map.of("id", alice.id().toString())));
        Entity rotated = with(key, Map.of("key", "sekrit-2"));
        write(NODE_A, new EntityCreated(svc));
        write(NODE_A, new EntityCreated(alice));
        write(NODE_A, new EntityCreated(key));
        write(NODE_A, new EntityUpdated(rotated, key));
        write(NODE_A, new EntityDeleted(svc));

        assertThat(operations(ok(admin.get("/services/svc/history"))))
                .containsExactly("delete services", "create services");
        assertThat(ok(admin.get("/services/" + svc.id() + "/history")).get("data"))
                .hasSize(2);

        AdminClient.Reply keys = admin.get("/key-auths/sekrit-2/history");
        JsonNode page = ok(keys);
        assertThat(keys.body()).doesNotContain("sekrit");
        JsonNode update = page.get("data").get(0);
        assertThat(update.get("before").get("key").asText()).isEqualTo("******");
        assertThat(update.get("after").get("key").asText()).isEqualTo("******");
        assertThat(update.get("after").get("consumer").get("id").asText())
                .isEqualTo(alice.id().toString());
        assertThat(ok(admin.get("/history")).toString()).doesNotContain("sekrit");

        assertReply(admin.get("/services/nope/history"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.get("/services/" + UUID.randomUUID() + "/history"), 404, "{\"message\":\"Not found\"}");
        assertThat(admin.get("/certificates/not-a-uuid/history")
                        .json()
                        .get("code")
                        .asInt())
                .as("Kong's invalid primary key")
                .isEqualTo(1);
        assertThat(admin.json("POST", "/services/svc/history", "{}").status()).isEqualTo(405);
    }

    @Test
    void a_certificates_history_never_shows_its_private_key() {
        Entity cert = entity(
                Certificates.SCHEMA,
                Map.of(
                        "cert", io.tollgate.domain.testing.PemFixtures.pem("rsa.crt"),
                        "key", io.tollgate.domain.testing.PemFixtures.pem("rsa.key")));
        write(NODE_A, new EntityCreated(cert));

        AdminClient.Reply reply = admin.get("/certificates/" + cert.id() + "/history");
        JsonNode after = ok(reply).get("data").get(0).get("after");
        assertThat(after.get("key").asText()).isEqualTo("******");
        assertThat(after.get("key_alt").isNull()).isTrue();
        assertThat(after.get("cert").asText()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(reply.body()).doesNotContain("PRIVATE KEY");
    }

    @Test
    void a_targets_history_is_below_its_upstream() {
        Entity up = entity(Upstreams.SCHEMA, Map.of("name", "up"));
        Entity target = entity(
                Targets.SCHEMA,
                Map.of("target", "h.test", "upstream", Map.of("id", up.id().toString())));
        write(NODE_A, new EntityCreated(up));
        write(NODE_A, new EntityCreated(target));
        write(NODE_A, new EntityUpdated(with(target, Map.of("weight", 7L)), target));
        write(NODE_B, new EntityDeleted(with(target, Map.of("weight", 7L))));

        JsonNode byKey = ok(admin.get("/upstreams/up/targets/h.test/history?size=2&node_id=" + NODE_A));
        assertThat(operations(byKey)).containsExactly("update targets", "create targets");
        assertThat(ok(admin.get("/upstreams/" + up.id() + "/targets/" + target.id() + "/history"))
                        .get("data"))
                .hasSize(3);
        JsonNode paged = ok(admin.get("/upstreams/up/targets/h.test:8000/history?size=2"));
        assertThat(paged.get("next").asText())
                .isEqualTo("/upstreams/up/targets/h.test:8000/history?offset="
                        + paged.get("offset").asText() + "&size=2");
        assertReply(admin.get("/targets/" + target.id() + "/history"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.get("/upstreams/up/targets/other.test/history"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.get("/upstreams/nope/targets/h.test/history"), 404, "{\"message\":\"Not found\"}");
    }

    @Test
    void the_history_paths_are_listed_and_documented() {
        List<String> endpoints = new ArrayList<>();
        admin.get("/endpoints").json().get("data").forEach(p -> endpoints.add(p.asText()));
        assertThat(endpoints)
                .contains(
                        "/history",
                        "/services/{services}/history",
                        "/consumers/{consumers}/history",
                        "/key-auths/{keyauth_credentials}/history",
                        "/certificates/{certificates}/history",
                        "/upstreams/{upstreams}/targets/{targets}/history")
                .doesNotContain(
                        "/targets/{targets}/history", "/consumers/{consumers}/key-auth/{keyauth_credentials}/history");
        for (EntityKind kind : EntityKind.values()) {
            if (kind.hasTopLevelEndpoints()) {
                assertThat(endpoints).contains("/" + kind.adminPath() + "/{" + kind.kongName() + "}/history");
            }
        }
        JsonNode paths = admin.get("/openapi.json").json().get("paths");
        JsonNode all = paths.get("/history").get("get");
        List<String> parameters = new ArrayList<>();
        all.get("parameters").forEach(p -> parameters.add(p.get("name").asText()));
        assertThat(parameters)
                .containsExactly("size", "offset", "entity_name", "entity_id", "tag", "node_id", "since", "until");
        assertThat(all.get("responses")
                        .get("200")
                        .get("content")
                        .get("application/json")
                        .get("schema")
                        .get("$ref")
                        .asText())
                .isEqualTo("#/components/schemas/HistoryPage");
        assertThat(paths.get("/services/{services}/history")
                        .get("get")
                        .get("responses")
                        .has("404"))
                .isTrue();
        assertThat(paths.get("/upstreams/{upstreams}/targets/{targets}/history").has("get"))
                .isTrue();
        AdminClient.Reply options = admin.send("OPTIONS", "/services/x/history", null, (String) null);
        assertThat(options.headers().firstValue("Allow")).contains("GET, HEAD, OPTIONS");
    }
}
