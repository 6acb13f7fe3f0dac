package io.tollgate.adapter.http.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormDecoderTest {

    private static Map<String, Object> decode(String body) {
        return FormDecoder.decode(FormDecoder.parseUrlEncoded(body));
    }

    @Test
    void plain_fields_stay_strings_and_are_percent_decoded() {
        assertThat(decode("name=my+service&host=a.test&path=%2Fv1%2Fx"))
                .containsExactly(
                        Map.entry("name", "my service"), Map.entry("host", "a.test"), Map.entry("path", "/v1/x"));
    }

    @Test
    void brackets_and_repeated_keys_make_arrays() {
        assertThat(decode("paths[]=/a&paths[]=/b")).isEqualTo(Map.of("paths", List.of("/a", "/b")));
        assertThat(decode("paths=/a&paths=/b&paths=/c")).isEqualTo(Map.of("paths", List.of("/a", "/b", "/c")));
        assertThat(decode("paths=/a&paths[]=/b")).isEqualTo(Map.of("paths", List.of("/a", "/b")));
        assertThat(decode("paths=/a")).isEqualTo(Map.of("paths", "/a"));
    }

    @Test
    void indexes_order_an_array() {
        assertThat(decode("paths[2]=/b&paths[1]=/a&paths[10]=/c"))
                .isEqualTo(Map.of("paths", List.of("/a", "/b", "/c")));
    }

    @Test
    void dots_and_named_brackets_nest() {
        assertThat(decode("service.id=abc")).isEqualTo(Map.of("service", Map.of("id", "abc")));
        assertThat(decode("service[name]=s1")).isEqualTo(Map.of("service", Map.of("name", "s1")));
        assertThat(decode("config.key_names=apikey&config.minute=5"))
                .isEqualTo(Map.of("config", Map.of("key_names", "apikey", "minute", "5")));
        assertThat(decode("config.key_names[]=a&config.key_names[]=b"))
                .isEqualTo(Map.of("config", Map.of("key_names", List.of("a", "b"))));
        assertThat(decode("headers.x-version[]=1&headers.x-version[]=2"))
                .isEqualTo(Map.of("headers", Map.of("x-version", List.of("1", "2"))));
        assertThat(decode("a.b.c=deep")).isEqualTo(Map.of("a", Map.of("b", Map.of("c", "deep"))));
    }

    @Test
    void empty_values_are_null() {
        Map<String, Object> expected = new HashMap<>();
        expected.put("name", null);
        expected.put("service", null);
        assertThat(decode("name=&service")).isEqualTo(expected);
        Map<String, Object> inner = new HashMap<>();
        inner.put("anonymous", null);
        assertThat(decode("config.anonymous=")).isEqualTo(Map.of("config", inner));
        assertThat(decode("tags[]=")).isEqualTo(Map.of("tags", Arrays.asList((Object) null)));
    }

    @Test
    void keys_without_a_name_and_empty_pairs_are_ignored() {
        assertThat(decode("&&=x&[]=y&name=n")).isEqualTo(Map.of("name", "n"));
    }

    @Test
    void broken_percent_encoding_is_a_client_error() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> decode("name=%zz"))
                .isInstanceOfSatisfying(
                        ClientError.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
