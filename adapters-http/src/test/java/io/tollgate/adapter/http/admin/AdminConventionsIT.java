package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Kong's list conventions (tag filters, {@code ?custom_id=}, {@code /tags}) and single-reference endpoints. */
class AdminConventionsIT extends AdminApiITSupport {

    private String service(String name, String tagsJson) {
        return created(admin.json(
                        "POST",
                        "/services",
                        "{\"name\":\"" + name + "\",\"host\":\"" + name + ".test\",\"tags\":" + tagsJson + "}"))
                .get("id")
                .asText();
    }

    private static List<String> names(AdminClient.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        reply.json().get("data").forEach(e -> names.add(e.get("name").asText()));
        return new ArrayList<>(new TreeSet<>(names));
    }

    private static String invalidTags(String why) {
        return "{\"code\":11,\"name\":\"invalid options\",\"message\":\"invalid option (tags: " + why + ")\","
                + "\"options\":{\"tags\":\"" + why + "\"}}";
    }

    @Test
    void tags_filter_lists_with_and_or() {
        service("ab", "[\"a\",\"b\"]");
        service("a", "[\"a\"]");
        service("bc", "[\"b\",\"c\"]");
        service("none", "null");
        assertThat(names(admin.get("/services?tags=a"))).containsExactly("a", "ab");
        assertThat(names(admin.get("/services?tags=a,b"))).containsExactly("ab");
        assertThat(names(admin.get("/services?tags=a/c"))).containsExactly("a", "ab", "bc");
        assertThat(names(admin.get("/services?tags=zzz"))).isEmpty();
        assertThat(admin.get("/services?tags=zzz").body()).isEqualTo("{\"data\":[],\"next\":null}");
    }

    @Test
    void tag_filter_errors_are_kongs_invalid_options() {
        assertReply(admin.get("/services?tags=a,b/c"), 400, invalidTags("invalid filter syntax"));
        assertReply(admin.get("/services?tags=a,,b"), 400, invalidTags("invalid filter syntax"));
        assertReply(admin.get("/services?tags=1,2,3,4,5,6"), 400, invalidTags("cannot query more than 5 tags"));
        assertReply(admin.get("/services?tags="), 400, invalidTags("cannot be null"));
        assertThat(admin.get("/services?tags=1,2,3,4,5").status()).isEqualTo(200);
    }

    @Test
    void tag_filters_page_and_the_next_link_carries_them() {
        for (int i = 0; i < 5; i++) {
            service("t" + i, "[\"x\",\"y\"]");
        }
        service("other", "[\"y\"]");
        AdminClient.Reply first = admin.get("/services?tags=x,y&size=2");
        assertThat(first.json().get("data")).hasSize(2);
        String offset = first.json().get("offset").asText();
        assertThat(first.json().get("next").asText()).isEqualTo("/services?offset=" + offset + "&tags=x%2Cy&size=2");
        List<String> all = new ArrayList<>();
        String next = "/services?tags=x,y&size=2";
        while (next != null) {
            AdminClient.Reply page = admin.get(next);
            page.json().get("data").forEach(e -> all.add(e.get("name").asText()));
            next = page.json().get("next").isNull()
                    ? null
                    : page.json().get("next").asText();
        }
        assertThat(all).containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void tag_filters_work_on_nested_lists() {
        String s = service("svc", "null");
        created(admin.json("POST", "/services/svc/routes", "{\"name\":\"r1\",\"paths\":[\"/1\"],\"tags\":[\"blue\"]}"));
        created(admin.json("POST", "/services/svc/routes", "{\"name\":\"r2\",\"paths\":[\"/2\"],\"tags\":[\"red\"]}"));
        created(admin.json("POST", "/routes", "{\"name\":\"r3\",\"paths\":[\"/3\"],\"tags\":[\"blue\"]}"));
        assertThat(names(admin.get("/services/" + s + "/routes?tags=blue"))).containsExactly("r1");
        assertThat(names(admin.get("/services/svc/routes?tags=blue/red"))).containsExactly("r1", "r2");
        assertReply(admin.get("/services/svc/routes?tags=blue,red/x"), 400, invalidTags("invalid filter syntax"));
    }

    @Test
    void consumers_by_custom_id() {
        JsonNode alice = created(admin.json("POST", "/consumers", "{\"username\":\"alice\",\"custom_id\":\"c-1\"}"));
        created(admin.json("POST", "/consumers", "{\"username\":\"bob\",\"custom_id\":\"c-2\"}"));
        AdminClient.Reply found = admin.get("/consumers?custom_id=c-1");
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.json()).isEqualTo(json("{\"data\":[" + alice + "],\"next\":null}"));
        assertThat(admin.get("/consumers?custom_id=nope").body()).isEqualTo("{\"data\":[],\"next\":null}");
        assertReply(admin.get("/consumers?custom_id="), 400, "{\"message\":\"custom_id must be an unempty string\"}");
        assertReply(
                admin.get("/consumers?custom_id=a&custom_id=b"),
                400,
                "{\"message\":\"custom_id must be an unempty string\"}");
    }

    @Test
    void the_tags_listing_and_one_tag() {
        String s = service("svc", "[\"shared\",\"s-only\"]");
        JsonNode c = created(admin.json("POST", "/consumers", "{\"username\":\"alice\",\"tags\":[\"shared\"]}"));
        AdminClient.Reply all = admin.get("/tags");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("data")).hasSize(3);
        assertThat(all.json().get("next").isNull()).isTrue();
        AdminClient.Reply shared = admin.get("/tags/shared");
        List<String> rows = new ArrayList<>();
        shared.json().get("data").forEach(r -> rows.add(r.toString()));
        assertThat(rows)
                .containsExactlyInAnyOrder(
                        "{\"entity_name\":\"services\",\"entity_id\":\"" + s + "\",\"tag\":\"shared\"}",
                        "{\"entity_name\":\"consumers\",\"entity_id\":\""
                                + c.get("id").asText() + "\",\"tag\":\"shared\"}");
        assertThat(admin.get("/tags/nope").body()).isEqualTo("{\"data\":[],\"next\":null}");

        AdminClient.Reply first = admin.get("/tags?size=2");
        assertThat(first.json().get("data")).hasSize(2);
        String offset = first.json().get("offset").asText();
        assertThat(first.json().get("next").asText()).isEqualTo("/tags?offset=" + offset + "&size=2");
        AdminClient.Reply second = admin.get(first.json().get("next").asText());
        assertThat(second.json().get("data")).hasSize(1);
        assertThat(second.json().get("next").isNull()).isTrue();

        assertReply(
                admin.get("/tags?size=0"),
                400,
                "{\"code\":9,\"name\":\"invalid size\",\"message\":\"size must be an integer between 1 and 1000\"}");
        assertReply(
                admin.get("/tags?offset=%25%25"),
                400,
                "{\"code\":7,\"name\":\"invalid offset\",\"message\":\"'%%' is not a valid offset: bad base64 encoding\"}");
    }

    @Test
    void a_routes_service_endpoint() {
        String s = service("svc", "null");
        String r = created(admin.json(
                        "POST", "/routes", "{\"name\":\"r1\",\"paths\":[\"/1\"],\"service\":{\"id\":\"" + s + "\"}}"))
                .get("id")
                .asText();
        AdminClient.Reply got = admin.get("/routes/r1/service");
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.json().get("id").asText()).isEqualTo(s);
        assertThat(admin.get("/routes/" + r + "/service").json().get("name").asText())
                .isEqualTo("svc");

        AdminClient.Reply patched = admin.json("PATCH", "/routes/r1/service", "{\"retries\":2}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        assertThat(patched.json().get("retries").asLong()).isEqualTo(2);
        assertThat(patched.json().get("host").asText()).isEqualTo("svc.test");

        AdminClient.Reply put = admin.json("PUT", "/routes/r1/service", "{\"name\":\"svc\",\"host\":\"new.test\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("id").asText()).isEqualTo(s);
        assertThat(put.json().get("retries").asLong()).isEqualTo(5);

        assertReply(admin.delete("/routes/r1/service"), 405, "{\"message\":\"Method not allowed\"}");
        assertReply(admin.get("/routes/nope/service"), 404, "{\"message\":\"Not found\"}");
        assertReply(admin.json("PATCH", "/routes/nope/service", "{}"), 404, "{\"message\":\"Not found\"}");
        assertReply(
                admin.json("PUT", "/routes/nope/service", "{\"host\":\"a.test\"}"), 404, "{\"message\":\"Not found\"}");
        assertReply(
                admin.json("PATCH", "/routes/r1/service", "{\"port\":\"x\"}"),
                400,
                "{\"code\":2,"
                        + "\"name\":\"schema violation\",\"message\":\"schema violation (port: expected an integer)\","
                        + "\"fields\":{\"port\":\"expected an integer\"}}");
    }

    @Test
    void put_on_a_route_without_service_creates_and_links_one() {
        created(admin.json("POST", "/routes", "{\"name\":\"lonely\",\"paths\":[\"/l\"]}"));
        assertReply(admin.get("/routes/lonely/service"), 404, "{\"message\":\"Not found\"}");
        assertReply(
                admin.json("PATCH", "/routes/lonely/service", "{\"retries\":1}"), 404, "{\"message\":\"Not found\"}");
        AdminClient.Reply put = admin.json("PUT", "/routes/lonely/service", "{\"host\":\"made.test\"}");
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        String id = put.json().get("id").asText();
        assertThat(admin.get("/routes/lonely").json().get("service")).isEqualTo(json("{\"id\":\"" + id + "\"}"));
        assertThat(admin.get("/services/" + id).json().get("host").asText()).isEqualTo("made.test");
        assertThat(ENTITIES.all(io.tollgate.domain.service.Services.SCHEMA)).hasSize(1);
    }

    @Test
    void every_foreign_field_has_a_reference_endpoint() {
        String s = service("svc", "null");
        String c = created(admin.json("POST", "/consumers", "{\"username\":\"alice\"}"))
                .get("id")
                .asText();
        String r = created(admin.json(
                        "POST", "/routes", "{\"name\":\"r1\",\"paths\":[\"/1\"],\"service\":{\"id\":\"" + s + "\"}}"))
                .get("id")
                .asText();
        String p = created(admin.json(
                        "POST",
                        "/plugins",
                        "{\"name\":\"request-termination\",\"route\":{\"id\":\"" + r + "\"},\"consumer\":{\"id\":\"" + c
                                + "\"}}"))
                .get("id")
                .asText();
        String k = created(admin.json("POST", "/consumers/alice/key-auth", "{\"key\":\"secret\"}"))
                .get("id")
                .asText();

        assertThat(admin.get("/plugins/" + p + "/route").json().get("id").asText())
                .isEqualTo(r);
        assertThat(admin.get("/plugins/" + p + "/consumer").json().get("id").asText())
                .isEqualTo(c);
        assertReply(admin.get("/plugins/" + p + "/service"), 404, "{\"message\":\"Not found\"}");
        assertThat(admin.get("/key-auths/secret/consumer")
                        .json()
                        .get("username")
                        .asText())
                .isEqualTo("alice");
        assertThat(admin.get("/key-auths/" + k + "/consumer").json().get("id").asText())
                .isEqualTo(c);
        assertReply(admin.delete("/key-auths/" + k + "/consumer"), 405, "{\"message\":\"Method not allowed\"}");
        AdminClient.Reply options = admin.send("OPTIONS", "/plugins/" + p + "/consumer", null, (byte[]) null);
        assertThat(options.status()).isEqualTo(204);
        assertThat(options.header("Allow")).isEqualTo("DELETE, GET, HEAD, OPTIONS, PATCH, PUT");
        assertReply(admin.get("/plugins/" + p + "/name"), 404, "{\"message\":\"Not found\"}");
    }
}
