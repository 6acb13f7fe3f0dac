package io.tollgate.application.plugin.bundled;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultipartFormTest {

    static final String TYPE = "multipart/form-data; boundary=XyZ";

    /** A body of {@code parts} (each its header lines and content) with boundary {@code XyZ}. */
    static String body(String... headersAndContent) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < headersAndContent.length; i += 2) {
            out.append("--XyZ\r\n")
                    .append(headersAndContent[i])
                    .append("\r\n\r\n")
                    .append(headersAndContent[i + 1])
                    .append("\r\n");
        }
        return out.append("--XyZ--\r\n").toString();
    }

    static String field(String name) {
        return "Content-Disposition: form-data; name=\"" + name + "\"";
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static MultipartForm parse(String body, String type) {
        MultipartForm form = MultipartForm.parse(bytes(body), type);
        assertThat(form).isNotNull();
        return form;
    }

    @Test
    void parts_have_their_name_filename_headers_and_raw_bytes() {
        String file = field("upload") + "; filename=\"a.txt\"\r\nContent-Type: text/plain";
        MultipartForm form = parse(body(field("apikey"), "secret", file, "line1\r\nline2\r\n"), TYPE);
        assertThat(form.boundary()).isEqualTo("XyZ");
        assertThat(form.parts()).hasSize(2);
        MultipartForm.Part upload = form.parts().get(1);
        assertThat(upload.name()).isEqualTo("upload");
        assertThat(upload.filename()).isEqualTo("a.txt");
        assertThat(upload.text())
                .as("the CRLF before the delimiter is not content")
                .isEqualTo("line1\r\nline2\r\n");
        assertThat(upload.headers().stream().map(String::new))
                .containsExactly(field("upload") + "; filename=\"a.txt\"", "Content-Type: text/plain");
        assertThat(form.parts().get(0).filename()).isNull();
        assertThat(form.values("apikey")).containsExactly("secret");
    }

    @Test
    void binary_content_survives_byte_for_byte() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        byte[] head = bytes("--XyZ\r\n" + field("bin") + "; filename=\"b\"\r\n\r\n");
        byte[] tail = bytes("\r\n--XyZ--\r\n");
        byte[] body = new byte[head.length + binary.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(binary, 0, body, head.length, binary.length);
        System.arraycopy(tail, 0, body, head.length + binary.length, tail.length);
        MultipartForm form = MultipartForm.parse(body, TYPE);
        assertThat(form).isNotNull();
        assertThat(form.parts().get(0).content()).isEqualTo(binary);
        assertThat(form.toBytes()).as("written back unchanged").isEqualTo(body);
    }

    @Test
    void the_boundary_may_be_quoted_and_the_type_in_any_case_with_more_parameters() {
        MultipartForm form = parse(body(field("a"), "1"), "Multipart/Form-Data; charset=utf-8; boundary=\"XyZ\"");
        assertThat(form.boundary()).isEqualTo("XyZ");
        assertThat(form.values("a")).containsExactly("1");
    }

    @Test
    void preamble_epilogue_and_repeated_names_are_read() {
        String body = "ignored preamble\r\n" + body(field("k"), "one", field("k"), "two") + "epilogue";
        MultipartForm form = parse(body, TYPE);
        assertThat(form.values("k")).containsExactly("one", "two");
        assertThat(new String(form.toBytes(), StandardCharsets.UTF_8))
                .as("written without preamble and epilogue")
                .isEqualTo(body(field("k"), "one", field("k"), "two"));
    }

    @Test
    void utf8_field_names_and_escaped_quotes_are_decoded() {
        MultipartForm form = parse(body(field("clé"), "v", field("a\\\"b"), "w"), TYPE);
        assertThat(form.parts().stream().map(MultipartForm.Part::name)).containsExactly("clé", "a\"b");
    }

    @Test
    void an_empty_body_or_one_without_delimiters_has_no_parts() {
        assertThat(parse("", TYPE).parts()).isEmpty();
        assertThat(parse("just text", TYPE).parts()).isEmpty();
        assertThat(parse("", TYPE).toBytes()).isEmpty();
    }

    @Test
    void without_a_multipart_type_or_boundary_there_is_no_form() {
        assertThat(MultipartForm.parse(bytes(body(field("a"), "1")), "multipart/form-data"))
                .isNull();
        assertThat(MultipartForm.parse(bytes(body(field("a"), "1")), "multipart/form-data; boundary="))
                .isNull();
        assertThat(MultipartForm.parse(bytes("a=1"), "application/x-www-form-urlencoded"))
                .isNull();
        assertThat(MultipartForm.parse(bytes("a=1"), null)).isNull();
    }

    @Test
    void a_nested_multipart_part_stays_bytes() {
        String inner = "--in\r\nContent-Type: text/plain\r\n\r\nx\r\n--in--";
        MultipartForm form =
                parse(body(field("files") + "\r\nContent-Type: multipart/mixed; boundary=in", inner), TYPE);
        assertThat(form.parts()).hasSize(1);
        assertThat(form.parts().get(0).text()).isEqualTo(inner);
    }

    @Test
    void set_simple_replaces_the_first_part_in_place_or_adds_one_last_and_remove_drops_all() {
        String file = field("f") + "; filename=\"x.bin\"";
        MultipartForm form = parse(body(field("k"), "1", file, "data", field("k"), "2"), TYPE);
        form.setSimple("k", "new");
        form.setSimple("added", "yes \"quoted\"");
        assertThat(form.parts().stream().map(MultipartForm.Part::name)).containsExactly("k", "f", "k", "added");
        assertThat(form.values("k")).containsExactly("new", "2");
        assertThat(form.remove("k")).isTrue();
        assertThat(form.remove("absent")).isFalse();
        assertThat(new String(form.toBytes(), StandardCharsets.UTF_8))
                .isEqualTo(body(file, "data", field("added"), "yes \"quoted\""));
        form.setSimple("a\"b", "v");
        assertThat(form.parts().get(2).headers().stream().map(String::new)).containsExactly(field("a%22b"));
    }

    @Test
    void a_written_form_parses_back_to_the_same_parts() {
        MultipartForm form =
                parse(body(field("a"), "1", field("b") + "; filename=\"f\"", "--XyZ-not-a-delimiter"), TYPE);
        MultipartForm again = MultipartForm.parse(form.toBytes(), TYPE);
        assertThat(again).isNotNull();
        assertThat(again.parts().stream().map(p -> List.of(p.name(), p.text())))
                .containsExactly(List.of("a", "1"), List.of("b", "--XyZ-not-a-delimiter"));
    }
}
