package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Bodies the Admin API fuzz test (bootstrap's AdminFuzzIT) once answered with a 500: now Kong's 400s. */
class AdminHostileBodiesIT extends AdminApiITSupport {

    private static AdminClient.Reply multipart(String contentType, String body) {
        return admin.send("POST", "/consumers", contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_multipart_body_without_its_closing_boundary_is_a_bad_request() {
        AdminClient.Reply reply = multipart(
                "multipart/form-data; boundary=b",
                "--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n");
        assertReply(reply, 400, "{\"message\":\"Cannot parse multipart body\"}");
        assertThat(admin.get("/consumers").json().get("data")).isEmpty();
    }

    @Test
    void a_multipart_body_whose_parts_follow_another_boundary_is_a_bad_request() {
        AdminClient.Reply reply = multipart(
                "multipart/form-data; boundary=b",
                "--other\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nalice\r\n--b--\r\n");
        assertReply(reply, 400, "{\"message\":\"Cannot parse multipart body\"}");
    }

    @Test
    void an_empty_boundary_is_a_bad_request() {
        assertReply(
                multipart("multipart/form-data; boundary=", "--\r\n\r\nx\r\n----\r\n"),
                400,
                "{\"message\":\"Cannot parse multipart body\"}");
    }

    @Test
    void a_part_without_a_name_is_ignored() {
        AdminClient.Reply reply = multipart(
                "multipart/form-data; boundary=b",
                "--b\r\n\r\nno disposition\r\n--b\r\nContent-Disposition: form-data; name=\"username\"\r\n\r\nbob\r\n"
                        + "--b--\r\n");
        assertThat(created(reply).get("username").asText()).isEqualTo("bob");
    }

    @Test
    void json_text_with_a_lone_surrogate_is_unparseable_as_for_kong() {
        for (String body : new String[] {
            "{\"username\":\"\\ud800\"}",
            "{\"username\":\"x\\udc00\"}",
            "{\"\\udfff\":\"a\"}",
            "{\"username\":\"a\",\"tags\":[\"\\ud83d\"]}"
        }) {
            assertReply(admin.json("POST", "/consumers", body), 400, "{\"message\":\"Cannot parse JSON body\"}");
        }
        byte[] cesu = {
            '{',
            '"',
            'u',
            's',
            'e',
            'r',
            'n',
            'a',
            'm',
            'e',
            '"',
            ':',
            '"',
            (byte) 0xED,
            (byte) 0xA0,
            (byte) 0x80,
            '"',
            '}'
        };
        assertThat(admin.send("POST", "/consumers", "application/json", cesu).status())
                .isEqualTo(400);
        assertThat(admin.get("/consumers").json().get("data")).isEmpty();
        assertThat(created(admin.json("POST", "/consumers", "{\"username\":\"\\ud83d\\ude00\"}"))
                        .get("username")
                        .asText())
                .isEqualTo("\ud83d\ude00");
    }

    @Test
    void a_form_key_nested_ten_thousand_levels_deep_is_a_bad_request() {
        for (String step : new String[] {"[a]", ".a", "[]", "[0]"}) {
            AdminClient.Reply reply = admin.form("POST", "/consumers", "tags" + step.repeat(10_000) + "=1");
            assertReply(reply, 400, "{\"message\":\"Cannot parse form body\"}");
        }
        String deepest = "config" + ".a".repeat(FormDecoder.MAX_DEPTH - 1);
        assertThat(admin.form("POST", "/plugins", "name=key-auth&" + deepest + "=1")
                        .status())
                .as("a key at the depth limit is still decoded (and then refused by the schema)")
                .isEqualTo(400);
        assertThat(admin.form("POST", "/plugins", "name=key-auth&" + deepest + "=1")
                        .json()
                        .get("name")
                        .asText())
                .isEqualTo("schema violation");
    }
}
